package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Supplier;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The libraries the transforms wrap, called directly as a careful application would, one thread per instance: what
 * the transforms are held against. Each keeps its contexts (zstd), compressors (lz4) or {@link Cipher} for every
 * call, which is the libraries' fastest use; none adds a checksum or a header of its own.
 */
final class RawCodecs {

    private RawCodecs() {
    }

    /** zstd-jni at a level: a frame (content size in it) from a reused context, decompressed by another. */
    static final class RawZstd {

        private final ZstdCompressCtx compressor;
        private final ZstdDecompressCtx decompressor = new ZstdDecompressCtx();

        RawZstd(int level) {
            compressor = new ZstdCompressCtx().setLevel(level);
        }

        byte[] compress(byte[] value) {
            return compressor.compress(value);
        }

        byte[] decompress(byte[] frame) {
            return decompressor.decompress(frame, (int) Zstd.getFrameContentSize(frame));
        }
    }

    /**
     * lz4-java's JNI fast compressor, LZ4 blocks. A block does not carry its original length; the caller passes it
     * from what it knows, which spares this side the four bytes an application would have to store beside the block.
     */
    static final class RawLz4 {

        private final LZ4Compressor compressor = LZ4Factory.nativeInstance().fastCompressor();
        private final LZ4SafeDecompressor decompressor = LZ4Factory.nativeInstance().safeDecompressor();

        byte[] compress(byte[] value) {
            return compressor.compress(value);
        }

        byte[] decompress(byte[] block, int originalLength) {
            return decompressor.decompress(block, originalLength);
        }
    }

    /**
     * The JDK's AES/GCM/NoPadding with a 256-bit key, a fresh 12-byte nonce per value from a {@link SecureRandom}
     * (the aes-gcm transform's kind of generator), 128-bit tag, and associated data as long as the transform's for
     * the same namespace, store and key; the output is the nonce, then the ciphertext and tag, as the transform's.
     */
    static final class RawAesGcm {

        private static final int NONCE_BYTES = 12;
        private static final int TAG_BITS = 128;
        private final SecretKey key;
        private final SecureRandom random = new SecureRandom();
        /** The Cipher for the next value: one kept for every value, or a new one each time. */
        private final Supplier<Cipher> ciphers;

        /** @param cipherPerValue whether to look a new Cipher up for every value, as the transform does */
        RawAesGcm(SecretKey key, boolean cipherPerValue) {
            this.key = key;
            Cipher kept = cipher();
            ciphers = cipherPerValue ? RawAesGcm::cipher : () -> kept;
        }

        byte[] encrypt(byte[] value, byte[] associatedData) {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            try {
                Cipher c = ciphers.get();
                c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                c.updateAAD(associatedData);
                byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + c.getOutputSize(value.length));
                c.doFinal(value, 0, value.length, out, NONCE_BYTES);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("raw AES-GCM did not encrypt", e);
            }
        }

        byte[] decrypt(byte[] sealed, byte[] associatedData) {
            try {
                Cipher c = ciphers.get();
                c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
                c.updateAAD(associatedData);
                return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("raw AES-GCM did not decrypt", e);
            }
        }

        private static Cipher cipher() {
            try {
                return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no AES/GCM/NoPadding in this JDK", e);
            }
        }

        /** The same layout as the transform's: each of namespace, store and key with its length first. */
        static byte[] associatedData(String namespace, String store, String key) {
            byte[] ns = namespace.getBytes(UTF_8);
            byte[] st = store.getBytes(UTF_8);
            byte[] k = key.getBytes(UTF_8);
            return ByteBuffer.allocate(12 + ns.length + st.length + k.length).putInt(ns.length).put(ns)
                    .putInt(st.length).put(st).putInt(k.length).put(k).array();
        }
    }
}
