package io.stowage.webconsole;

import java.io.IOException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the Jakarta and javax adapters read alike from their servlet requests: the two APIs have the same shape in
 * different packages, so each adapter passes its request's plain values here and keeps only the calls themselves.
 */
public final class ServletRequests {

    /** The request attribute both Web Console versions set to their root ({@code /system/console}). */
    public static final String APP_ROOT = "felix.webconsole.appRoot";
    private static final String PREFIX = "/" + Console.LABEL;

    private ServletRequests() {
    }

    /** {@link ConsoleRequest#path()} from the servlet's path info ({@code /stowage/stores}, or null). */
    public static String path(String pathInfo) {
        if (pathInfo == null) {
            return "";
        }
        return pathInfo.startsWith(PREFIX) ? pathInfo.substring(PREFIX.length()) : pathInfo;
    }

    /**
     * {@link ConsoleRequest#root()} from the console's {@value #APP_ROOT} attribute, or else the request's context
     * and servlet paths.
     */
    public static String root(Object appRoot, String contextAndServletPath) {
        return (appRoot instanceof String text ? text : contextAndServletPath) + PREFIX;
    }

    /** A console session over an HTTP session's attribute calls; only string values count as the console's. */
    public static ConsoleSession session(Function<String, Object> get, BiConsumer<String, Object> set,
            Consumer<String> remove) {
        return new ConsoleSession() {
            @Override
            public String attribute(String name) {
                return get.apply(name) instanceof String text ? text : null;
            }

            @Override
            public void attribute(String name, String value) {
                if (value == null) {
                    remove.accept(name);
                } else {
                    set.accept(name, value);
                }
            }
        };
    }

    /** The upload's file part is missing. */
    public static IOException noFile(String name) {
        return new IOException("the upload has no file named " + name);
    }

    /** The servlet container refused to parse the multipart body. */
    public static IOException multipartUnreadable(Exception cause) {
        return new IOException("this console cannot read multipart uploads (" + cause.getMessage()
                + "): POST the dump file as the raw request body instead", cause);
    }
}
