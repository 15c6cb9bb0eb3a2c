/** The plugin on the Jakarta Servlet API, for Felix Web Console 5 (one administrator: it may change). */
package io.stowage.webconsole.jakarta;
