package io.stowage.kernel.transform;

import java.util.Comparator;

/**
 * A transform's version (its bundle's), ordered as OSGi orders versions: major, minor, micro, then the qualifier as
 * text. The kernel's own, because the kernel runs outside a framework too (tests, benchmarks), without
 * {@code org.osgi.framework} on its class path.
 */
public record TransformVersion(int major, int minor, int micro, String qualifier)
        implements Comparable<TransformVersion> {

    private static final Comparator<TransformVersion> ORDER = Comparator.comparingInt(TransformVersion::major)
            .thenComparingInt(TransformVersion::minor).thenComparingInt(TransformVersion::micro)
            .thenComparing(TransformVersion::qualifier);

    public TransformVersion {
        if (major < 0 || minor < 0 || micro < 0 || qualifier == null) {
            throw new IllegalArgumentException("not a version: " + major + "." + minor + "." + micro + "." + qualifier);
        }
    }

    /** {@code major[.minor[.micro[.qualifier]]]}, as in a Bundle-Version. */
    public static TransformVersion parse(String text) {
        String[] parts = text.trim().split("\\.", 4);
        try {
            return new TransformVersion(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0,
                    parts.length > 2 ? Integer.parseInt(parts[2]) : 0, parts.length > 3 ? parts[3] : "");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a version: '" + text + "'", e);
        }
    }

    @Override
    public int compareTo(TransformVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro + (qualifier.isEmpty() ? "" : "." + qualifier);
    }
}
