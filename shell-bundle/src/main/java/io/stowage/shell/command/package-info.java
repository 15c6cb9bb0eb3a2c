/**
 * What the {@code stowage:} commands do, for both shells: each command's specification (options, arguments, help,
 * completion), its logic through the operator API ({@link io.stowage.admin.StowageAdmin}) alone, and the text an
 * operator reads. {@code stowage:gc} also calls the typed-data API, which both shell bundles import dynamically, so
 * that a typed-data bundle installed later serves without a refresh: only {@code ObjectGarbage} links against it, and
 * only once {@code TypedDataWiring} has loaded a class of it. The Gogo front end (this bundle) and the Karaf front
 * end (a bundle of its own, which embeds this package) differ only in how they take arguments and report failures.
 * Nothing here keeps state between commands.
 */
package io.stowage.shell.command;
