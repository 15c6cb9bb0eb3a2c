/**
 * The {@code stowage:} Gogo commands. They reach Stowage only through the operator API
 * ({@link io.stowage.admin.StowageAdmin}) and turn its answers into the text an operator reads; nothing here keeps
 * state between commands. Stores are named {@code namespace/store}.
 */
package io.stowage.shell;
