package io.stowage.storage.lmdb;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Stowage LMDB backend",
        description = "A durable storage backend instance: one LMDB environment in one folder")
@interface LmdbBackendConfig {

    @AttributeDefinition(name = "Name",
            description = "What store routes, the kernel's default backend and the stowage: commands call this "
                    + "configuration. A file may leave it out: etc/io.stowage.lmdb-orders.cfg is named orders")
    String name();

    @AttributeDefinition(name = "Version range",
            description = "Which versions of the LMDB extension may serve this configuration (OSGi version range)")
    String version() default "0.0.0";

    @AttributeDefinition(name = "Version policy",
            description = "latest: move to the highest version in range as soon as it is installed; pinned: keep the "
                    + "serving version while it is installed, until an operator moves it (stowage:move)",
            options = {@Option(label = "Follow latest", value = "latest"), @Option(label = "Pinned", value = "pinned")})
    String policy() default "latest";

    @AttributeDefinition(name = "Path", required = false,
            description = "Folder of the LMDB environment, one per configuration; relative paths are resolved against "
                    + "the runtime's data folder (framework property stowage.data), or in Karaf against "
                    + "${karaf.data}/stowage; empty: lmdb/<name>")
    String path() default "";

    @AttributeDefinition(name = "Initial map size (MiB)",
            description = "The map grows by doubling, up to the maximum, when it is full")
    long mapSizeMiB() default 64;

    @AttributeDefinition(name = "Maximum map size (MiB)",
            description = "Past this size writes fail with 'storage full'; reads and smaller writes go on")
    long maxMapSizeMiB() default 16_384;

    @AttributeDefinition(name = "Maximum readers", description = "Concurrent read transactions (LMDB maxreaders)")
    int maxReaders() default 126;

    @AttributeDefinition(name = "Sync mode", description = "What a commit waits for; see the operating guide",
            options = {
                @Option(value = "DURABLE", label = "Durable: fsync data and metadata on every commit"),
                @Option(value = "NO_META_SYNC", label = "No meta sync: a power loss may undo the last commit"),
                @Option(value = "NO_SYNC", label = "No sync: a power loss may undo recent commits")})
    String syncMode() default "DURABLE";

    @AttributeDefinition(name = "Reader check interval (s)",
            description = "How often reader slots left by crashed processes are cleared")
    long readerCheckSeconds() default 60;
}
