package io.stowage.spi;

/**
 * The names by which a backend's component factory makes itself known to the kernel, as DS factory properties:
 *
 * <pre>
 * &#64;Component(factory = BackendFactory.FACTORY, service = {},
 *            factoryProperty = {BackendFactory.TYPE + "=lmdb", BackendFactory.CONFIGURATION_PID + "=io.stowage.lmdb"})
 * </pre>
 *
 * <p>Instances register no service ({@code service = {}}): the kernel hands them out to nobody, and a registered
 * service makes SCR skip {@code @Deactivate} when the framework unregistered it first, as it does when a bundle
 * stops while an instance is being made.
 *
 * <p>The backend's version is its bundle's version. Its configurations are ConfigAdmin factory configurations of
 * {@link #CONFIGURATION_PID}; the kernel reads them and passes their properties to the factory.
 */
public final class BackendFactory {

    /** The {@code component.factory} name every storage extension registers under. */
    public static final String FACTORY = "io.stowage.backend";

    /** Factory property: the backend type name, such as {@code memory} or {@code lmdb}. */
    public static final String TYPE = "stowage.backend.type";

    /** Factory property: the ConfigAdmin factory PID of this type's configurations (no dashes: FileInstall splits at the first). */
    public static final String CONFIGURATION_PID = "stowage.backend.pid";

    /** Configuration property the kernel sets on every instance: the configuration's name. */
    public static final String CONFIGURATION_NAME = "stowage.configuration";

    private BackendFactory() {
    }
}
