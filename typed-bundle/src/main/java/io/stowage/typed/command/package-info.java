/**
 * The {@code stowage:gc} command: garbage collection of an object store from the Gogo shell, through the operator
 * API. Not exported; the command is a service Gogo finds by its {@code osgi.command} properties.
 */
package io.stowage.typed.command;
