package io.stowage.kernel.frontend;

import org.osgi.framework.BundleContext;

/**
 * How the shell shows a command's result. Gogo prints what a command returns; Karaf's shell prints it only in its
 * interactive console, and outside it ({@code bin/client "..."}, {@code ssh ... command}, {@code bin/client -b})
 * shows only what a command prints, as Karaf's own commands do. So in Karaf the commands print their result.
 */
public enum CommandOutput {

    /** The result is returned, for the shell to print (Gogo, and scripts that keep it in a variable). */
    RETURNED,
    /** The result is printed to the session's output, and nothing is returned (Karaf). */
    PRINTED;

    public static CommandOutput of(BundleContext context) {
        return context.getProperty("karaf.base") != null ? PRINTED : RETURNED;
    }

    /** What the command method returns for this result. */
    String show(String result) {
        if (this == RETURNED) {
            return result;
        }
        // The shell gives each command's thread the session's streams as System.out
        System.out.println(result);
        return null;
    }
}
