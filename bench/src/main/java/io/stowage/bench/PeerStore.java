package io.stowage.bench;

import java.io.IOException;

import org.rocksdb.RocksDBException;

import io.stowage.bench.SlicedRounds.Side;

/** One of the ordered peers, loaded as its JMH benchmark loads it, with its default cache. */
record PeerStore(Getter getter, Closer closer) {

    interface Getter {
        byte[] get(Cursor cursor) throws RocksDBException;
    }

    interface Closer {
        void close() throws IOException;
    }

    static PeerStore open(String peer, int entries) throws IOException, RocksDBException {
        switch (peer) {
            case "mapdb-btree": {
                MapDbBenchmark bench = new MapDbBenchmark();
                MapDbBenchmark.BTree tree = new MapDbBenchmark.BTree();
                tree.entries = entries;
                tree.load();
                return new PeerStore(cursor -> bench.bTreeGet(tree, cursor), tree::close);
            }
            case "mvstore": {
                MvStoreBenchmark bench = new MvStoreBenchmark();
                bench.entries = entries;
                bench.cache = "default";
                bench.load();
                return new PeerStore(bench::mvStoreGet, bench::close);
            }
            case "xodus": {
                XodusBenchmark bench = new XodusBenchmark();
                bench.entries = entries;
                bench.load();
                XodusBenchmark.Reader reader = new XodusBenchmark.Reader();
                reader.open(bench);
                return new PeerStore(cursor -> bench.xodusGet(reader, cursor), bench::close);
            }
            case "rocksdb": {
                RocksDbBenchmark bench = new RocksDbBenchmark();
                bench.entries = entries;
                bench.cache = "default";
                bench.load();
                return new PeerStore(bench::rocksDbGet, bench::close);
            }
            default:
                throw new IllegalArgumentException("no peer " + peer);
        }
    }

    /** {@code getsPerCall} gets a call, each value's first byte into the paired run's sink. */
    Side gets(Paired paired, int getsPerCall) {
        Cursor cursor = new Cursor();
        return () -> {
            try {
                for (int n = 0; n < getsPerCall; n++) {
                    paired.sink += getter.get(cursor)[0];
                }
            } catch (RocksDBException e) {
                throw new IllegalStateException("RocksDB get failed", e);
            }
            return getsPerCall;
        };
    }

    void close() throws IOException {
        closer.close();
    }
}
