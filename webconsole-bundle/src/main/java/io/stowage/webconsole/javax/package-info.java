/**
 * The plugin on the javax Servlet API, for Felix Web Console 4.8 as Karaf ships it. A caller may change when the JAAS
 * subject Karaf's console logged in holds the role {@code admin} (viewer reads only), as {@link KarafRoles} reads it;
 * {@code isUserInRole} is false for every role there, and is asked only where no such subject is.
 */
package io.stowage.webconsole.javax;
