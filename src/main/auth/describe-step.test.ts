import { describe, expect, it } from 'vitest';
import type { NextStep as SdkNextStep } from '@okta/okta-auth-js';
import { describeStep } from './describe-step';
import { checkStepValues } from './step-values';

const password = { key: 'okta_password', type: 'password', id: 'aut1', displayName: 'Password', methods: [] };
const phone = { key: 'phone_number', type: 'phone', id: 'aut2', displayName: 'Phone', methods: [] };

describe('describeStep', () => {
  it('describes identify with username and password fields', () => {
    const step = describeStep({
      name: 'identify',
      inputs: [
        { name: 'username', label: 'Username', required: true },
        { name: 'password', label: 'Password', secret: true, required: true },
        { name: 'rememberMe', label: 'Keep me signed in', type: 'boolean' },
      ],
    } as SdkNextStep);
    expect(step).toEqual({
      name: 'identify',
      title: 'Sign in',
      canSkip: false,
      inputs: [
        { name: 'username', label: 'Username', type: 'text', required: true, secret: false, autocomplete: 'username' },
        { name: 'password', label: 'Password', type: 'password', required: true, secret: true, autocomplete: 'current-password' },
        { name: 'rememberMe', label: 'Keep me signed in', type: 'checkbox', required: false, secret: false },
      ],
    });
  });

  it('describes a password change with a new-password field and skip', () => {
    const step = describeStep({
      name: 'reenroll-authenticator-warning',
      authenticator: password,
      canSkip: true,
      // As okta-auth-js gives it: ReEnrollAuthenticator drops `required` from the new password.
      inputs: [{ name: 'newPassword', label: 'New password', secret: true }],
    } as unknown as SdkNextStep);
    expect(step?.canSkip).toBe(true);
    expect(step?.inputs).toEqual([
      { name: 'newPassword', label: 'New password', type: 'password', required: true, secret: true, autocomplete: 'new-password' },
    ]);
  });

  it('refuses MFA and unknown steps', () => {
    expect(describeStep({ name: 'challenge-authenticator', authenticator: phone, inputs: [] } as unknown as SdkNextStep)).toBeUndefined();
    expect(
      describeStep({
        name: 'select-authenticator-authenticate',
        inputs: [{ name: 'authenticator', options: [{ label: 'Phone', value: 'phone_number' }] }],
      } as unknown as SdkNextStep),
    ).toBeUndefined();
    expect(describeStep({ name: 'enroll-authenticator', inputs: [] } as SdkNextStep)).toBeUndefined();
  });

  it('offers only the password option of an authenticator choice', () => {
    const step = describeStep({
      name: 'select-authenticator-authenticate',
      inputs: [{ name: 'authenticator', label: 'Authenticator', required: true, options: [{ label: 'Phone', value: 'phone_number' }, { label: 'Password', value: 'okta_password' }] }],
    } as unknown as SdkNextStep);
    expect(step?.inputs).toEqual([
      { name: 'authenticator', label: 'Authenticator', type: 'select', required: true, secret: false, options: [{ label: 'Password', value: 'okta_password' }] },
    ]);
  });
});

describe('checkStepValues', () => {
  const step = describeStep({
    name: 'identify',
    inputs: [
      { name: 'username', label: 'Username', required: true },
      { name: 'password', label: 'Password', secret: true, required: true },
      { name: 'rememberMe', label: 'Keep me signed in', type: 'boolean' },
    ],
  } as SdkNextStep)!;

  it('passes valid values through', () => {
    expect(checkStepValues(step, { username: 'a', password: 'b', rememberMe: true })).toEqual({
      ok: true,
      values: { username: 'a', password: 'b', rememberMe: true },
    });
  });

  it('rejects unknown fields, missing required ones and wrong types', () => {
    expect(checkStepValues(step, { username: 'a', password: 'b', admin: 'x' })).toMatchObject({ ok: false, message: expect.stringMatching(/no field "admin"/) });
    expect(checkStepValues(step, { username: 'a' })).toEqual({ ok: false, message: 'Password is required.' });
    expect(checkStepValues(step, { username: 'a', password: true })).toMatchObject({ ok: false });
    expect(checkStepValues(step, { username: 'a', password: 'b', rememberMe: 'yes' })).toMatchObject({ ok: false });
  });
});
