/**
 * The Gogo front end of the {@code stowage:} commands, for Felix: argument counts, help, plain errors and Tab
 * completion around the command logic of {@link io.stowage.shell.command}.
 */
package io.stowage.shell.gogo;
