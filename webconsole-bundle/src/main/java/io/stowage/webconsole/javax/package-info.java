/**
 * The plugin on the javax Servlet API, for Felix Web Console 4.8 as Karaf ships it. Whether a caller may change is,
 * as a first take, {@code request.isUserInRole("admin")}: Karaf's JAAS role for changes (viewer reads only).
 */
package io.stowage.webconsole.javax;
