package io.stowage.launcher;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A Gogo {@code CommandSession}, used through reflection: the Gogo API classes live in the gogo.runtime bundle's class
 * loader, which the launcher's class path does not share. Signatures as of gogo.runtime 1.1.6:
 * {@code CommandProcessor.createSession(InputStream, OutputStream, OutputStream)},
 * {@code CommandSession.execute(CharSequence)}, {@code CommandSession.format(Object, int)},
 * {@code CommandSession.close()}.
 */
final class GogoSession implements CommandShell, AutoCloseable {

    static final String COMMAND_PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String COMMAND_SESSION = "org.apache.felix.service.command.CommandSession";
    /** {@code Converter.INSPECT}: the full rendering, which the interactive shell prints for a result. */
    private static final int INSPECT = 0;

    private final Object session;
    private final Method execute;
    private final Method format;
    private final Method close;

    private GogoSession(Object session, Class<?> sessionType) throws NoSuchMethodException {
        this.session = session;
        this.execute = sessionType.getMethod("execute", CharSequence.class);
        this.format = sessionType.getMethod("format", Object.class, int.class);
        this.close = sessionType.getMethod("close");
    }

    /**
     * Opens a session on the processor behind {@code processorReference}; the caller must keep the framework running
     * until {@link #close()}.
     */
    static GogoSession open(BundleContext context, ServiceReference<?> processorReference,
                            InputStream in, OutputStream out, OutputStream err) throws StartupFailure {
        Object processor = context.getService(processorReference);
        if (processor == null) {
            throw new StartupFailure("the Gogo command processor went away before the script started");
        }
        try {
            // Take the interfaces from the registering bundle: the implementation classes are not exported.
            Bundle gogo = processorReference.getBundle();
            Method createSession = gogo.loadClass(COMMAND_PROCESSOR)
                    .getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class);
            return new GogoSession(createSession.invoke(processor, in, out, err), gogo.loadClass(COMMAND_SESSION));
        } catch (ReflectiveOperationException | IllegalStateException e) {
            throw new StartupFailure("cannot open a Gogo session: " + RootCause.message(e), e);
        }
    }

    @Override
    public Object execute(String commandLine) throws Exception {
        try {
            return execute.invoke(session, commandLine);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception failure ? failure : e;
        }
    }

    @Override
    public CharSequence format(Object result) {
        try {
            return (CharSequence) format.invoke(session, result, INSPECT);
        } catch (ReflectiveOperationException e) {
            return String.valueOf(result); // a result Gogo cannot render is still worth showing
        }
    }

    @Override
    public void close() {
        try {
            close.invoke(session);
        } catch (ReflectiveOperationException e) {
            // closing only releases the session's variables and jobs; nothing to report
        }
    }
}
