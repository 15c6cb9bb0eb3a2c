/**
 * The Stowage Web Console plugin without a servlet API: it routes a request's sub-path under {@code /stowage} to a
 * page (HTML fragments the console frames), a JSON feed or a bundle resource, checks the CSRF token of every POST,
 * and encodes every piece of user data it writes. It reaches Stowage only through the operator API
 * ({@link io.stowage.admin.StowageAdmin}) and the Store API; the {@code jakarta} and {@code javax} subpackages adapt
 * it to the two servlet APIs Felix Web Console versions run on. Private to the bundle: not exported.
 */
package io.stowage.webconsole;
