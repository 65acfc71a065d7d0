import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

const INVALID_FIELD = '[aria-invalid="true"]';
const ERROR_SUMMARY = '[data-first-error]';
const FIELDS = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled])';
const TEXT_TYPES = new Set(['text', 'email', 'password', 'tel', 'search', 'url', 'number']);

/** The first text field still empty (the password after a username kept from before), else the first field. */
function firstField(root: HTMLElement): HTMLElement | null {
  const fields = [...root.querySelectorAll<HTMLElement>(FIELDS)];
  const empty = fields.find((field) => (field instanceof HTMLTextAreaElement || (field instanceof HTMLInputElement && TEXT_TYPES.has(field.type))) && field.value === '');
  return empty ?? fields[0] ?? null;
}

/**
 * Moves keyboard focus so keyboard and screen reader users land where the news is. On a new
 * screen: the first error, else the first empty text field, else the first field, else the heading. When a call finishes on the
 * same screen: the first error if there is one; otherwise focus stays where the user left it. If
 * it was lost (a button that was disabled while busy drops focus to the body), it goes back to
 * that control, else to the first field or the heading.
 */
export function useScreenFocus(container: RefObject<HTMLElement | null>, screenKey: string, completedCalls: number) {
  const shownKey = useRef<string | null>(null);
  const lastFocused = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const root = container.current;
    if (root === null) return;
    const remember = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement) lastFocused.current = event.target;
    };
    root.addEventListener('focusin', remember);
    return () => root.removeEventListener('focusin', remember);
  }, [container]);
  useLayoutEffect(() => {
    const root = container.current;
    if (root === null) return;
    const focusLost = document.activeElement === null || document.activeElement === document.body;
    const sameScreen = shownKey.current === screenKey;
    shownKey.current = screenKey;
    const previous = lastFocused.current;
    const returnTo =
      sameScreen && focusLost && previous !== null && root.contains(previous) && !previous.matches(':disabled') ? previous : null;
    // Invalid fields come before the error summary: that is where the user has to act.
    const target =
      root.querySelector<HTMLElement>(INVALID_FIELD) ??
      root.querySelector<HTMLElement>(ERROR_SUMMARY) ??
      returnTo ??
      (!sameScreen || focusLost ? (firstField(root) ?? root.querySelector<HTMLElement>('h1')) : null);
    target?.focus();
  }, [container, screenKey, completedCalls]);
}

/** After a submit the app's own checks refused, focus the first field that needs fixing. */
export function useFocusFirstInvalid(form: RefObject<HTMLElement | null>, refusedSubmits: number) {
  useLayoutEffect(() => {
    if (refusedSubmits > 0) form.current?.querySelector<HTMLElement>(INVALID_FIELD)?.focus();
  }, [form, refusedSubmits]);
}
