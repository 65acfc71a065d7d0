/**
 * The hosted page's only script: a security-key step asks the browser for an assertion
 * (navigator.credentials.get) with the org's challenge, puts the answer in the form's hidden
 * fields (base64url, as Okta's widget posts them) and submits it. Served from the org's origin,
 * so the page's CSP allows it with script-src 'self' and no inline code.
 */
export const WEBAUTHN_CLIENT_SCRIPT = `'use strict';
(() => {
  const form = document.getElementById('webauthn');
  if (!form) return;
  const decode = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), (c) => c.charCodeAt(0));
  const encode = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const set = (name, buffer) => { form.elements.namedItem(name).value = encode(buffer); };
  form.addEventListener('submit', async (event) => {
    if (form.dataset.answered === 'yes') return;
    event.preventDefault();
    const options = JSON.parse(form.dataset.options);
    const problem = document.getElementById('webauthn-error');
    try {
      const credential = await navigator.credentials.get({
        publicKey: {
          challenge: decode(options.challenge),
          rpId: options.rpId,
          userVerification: options.userVerification,
          allowCredentials: options.allowCredentials.map((id) => ({ type: 'public-key', id: decode(id) })),
          timeout: 60000,
        },
      });
      set('credentials.clientData', credential.response.clientDataJSON);
      set('credentials.authenticatorData', credential.response.authenticatorData);
      set('credentials.signatureData', credential.response.signature);
      form.dataset.answered = 'yes';
      form.submit();
    } catch {
      problem.hidden = false;
      problem.textContent = 'Your security key did not answer. Try again, or cancel and sign in another way.';
    }
  });
})();
`;
