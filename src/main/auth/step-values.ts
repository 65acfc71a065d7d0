/**
 * Checks the renderer's answer to a step against that step's inputs and produces the values the
 * SDK's remediator for it reads (the input names in `NextStep` are already the SDK's names, e.g.
 * `username`/`password` for identify, `newPassword` for reenroll-authenticator).
 */
import type { NextStep } from '../../shared/contract';

export type StepValues = Record<string, string | boolean>;

export type CheckedValues = { readonly ok: true; readonly values: StepValues } | { readonly ok: false; readonly message: string };

export function checkStepValues(step: NextStep, values: Readonly<Record<string, string | boolean>>): CheckedValues {
  const inputs = new Map(step.inputs.map((input) => [input.name, input]));
  for (const name of Object.keys(values)) {
    if (!inputs.has(name)) return { ok: false, message: `The step "${step.name}" has no field "${name}".` };
  }
  const out: StepValues = {};
  for (const input of step.inputs) {
    const value = values[input.name];
    if (value === undefined || value === '') {
      if (input.required) return { ok: false, message: `${input.label} is required.` };
      continue;
    }
    const expectsBoolean = input.type === 'checkbox';
    if (typeof value !== (expectsBoolean ? 'boolean' : 'string')) {
      return { ok: false, message: `${input.label} has the wrong type.` };
    }
    if (input.type === 'select' && !input.options?.some((option) => option.value === value)) {
      return { ok: false, message: `${input.label} is not one of the offered choices.` };
    }
    out[input.name] = value;
  }
  return { ok: true, values: out };
}
