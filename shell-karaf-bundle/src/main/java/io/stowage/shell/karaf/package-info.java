/**
 * The Karaf front end of the {@code stowage:} commands: one {@link org.apache.karaf.shell.api.action.Action} per
 * command, whose {@code @Option}s and {@code @Argument}s are its help, and a completer per kind of name Tab offers,
 * around the command logic of {@link io.stowage.shell.command}, which this bundle embeds. Everything here reaches
 * Stowage through the operator API alone; Karaf injects it, and registers the commands only while it is there.
 */
package io.stowage.shell.karaf;
