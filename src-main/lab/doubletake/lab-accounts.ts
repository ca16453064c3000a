/**
 * Who may log in to the lab's Double-Take servers (DTCL `LOGIN`). [assumed] the lab knows one account on every
 * node, the local Administrator; a real server checks Windows credentials and membership of the Double-Take Admin
 * group. A lab holds nothing to protect, so its password is a fixed, published value — never a real one.
 */

export const LAB_DOUBLETAKE_USER = 'Administrator';
export const LAB_DOUBLETAKE_PASSWORD = 'lab-Passw0rd';

/** True when `user` (any case, optionally `DOMAIN\user` or `user@domain`) and `password` are the lab's account. */
export function labLoginAccepted(user: string, password: string): boolean {
  const bare = user.replace(/^.*\\/, '').replace(/@.*$/, '');
  return bare.toLowerCase() === LAB_DOUBLETAKE_USER.toLowerCase() && password === LAB_DOUBLETAKE_PASSWORD;
}
