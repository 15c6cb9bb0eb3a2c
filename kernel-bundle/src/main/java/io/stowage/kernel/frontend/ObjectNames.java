package io.stowage.kernel.frontend;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The JMX names of the kernel's MBeans, all in the {@value #DOMAIN} domain. A name part is quoted
 * ({@link ObjectName#quote}) only when it holds a character that would change the name's meaning, so the usual names
 * read as they are: {@code io.stowage:type=Backend,name=default}.
 */
final class ObjectNames {

    static final String DOMAIN = "io.stowage";

    private ObjectNames() {
    }

    static ObjectName store(String namespace, String store) {
        return of(DOMAIN + ":type=Store,namespace=" + value(namespace) + ",name=" + value(store));
    }

    static ObjectName backend(String configuration) {
        return of(DOMAIN + ":type=Backend,name=" + value(configuration));
    }

    /** The value as it is, or quoted if it holds one of {@code , = : " * ? \ } or a line break, or is empty. */
    static String value(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (",=:\"*?\\\n\r".indexOf(raw.charAt(i)) >= 0) {
                return ObjectName.quote(raw);
            }
        }
        return raw.isEmpty() ? ObjectName.quote(raw) : raw;
    }

    private static ObjectName of(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not a JMX name: " + name, e);
        }
    }
}
