package io.stowage.transform.aesgcm;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.stowage.api.CorruptValueException;
import io.stowage.api.TransformUnavailableException;
import io.stowage.spi.TransformStep;
import io.stowage.spi.Transformed;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;

/**
 * The {@code aes-gcm} value transform: AES-256-GCM from the JDK with a fresh 12-byte nonce per value and the value's
 * namespace, store and key as associated data, so a value copied under another identity fails authentication. The
 * step's header holds the key id (the keystore alias) and its CRC32C; the data holds the nonce, then the ciphertext
 * and its 16-byte tag.
 */
@Component(service = ValueTransform.class, configurationPid = AesGcmTransform.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = ValueTransform.TYPE + "=" + AesGcmTransform.TYPE)
@Designate(ocd = AesGcmTransformConfig.class)
public final class AesGcmTransform implements ValueTransform {

    static final String PID = "io.stowage.transform.aesgcm";
    static final String TYPE = "aes-gcm";
    static final int FORMAT_VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    /** The key id and a CRC32C of it must fit a step's header. */
    static final int MAX_KEY_ID_BYTES = Transformed.MAX_HEADER - 4;

    private final Keyring keys;
    private final SecureRandom random = new SecureRandom();
    private final AssociatedData associatedData = new AssociatedData();
    /** About one cipher per thread that encrypts or decrypts at once; more are made and dropped as needed. */
    private final CipherPool ciphers = new CipherPool(Runtime.getRuntime().availableProcessors() * 4);
    private final Logger logger;
    /** The last step header read and its key id: a store's values share a few, and parsing one costs a decoder. */
    private volatile KeyIdHeader lastRead;
    private volatile boolean closed;

    @Activate
    public AesGcmTransform(AesGcmTransformConfig config, @Reference(service = LoggerFactory.class) Logger logger) {
        this(Keyring.load(config, System::getenv), logger);
    }

    AesGcmTransform(Keyring keys, Logger logger) {
        this.keys = keys;
        this.logger = logger;
        logger.info("aes-gcm transform started with keys {}", keys.aliases());
    }

    /** Drops every key it read; steps bound before refuse to work from now on. */
    @Deactivate
    void close() {
        closed = true;
        lastRead = null;
        keys.release();
        ciphers.close();
        logger.info("aes-gcm transform stopped, its keys released");
    }

    /** Ciphers kept for reuse (none once closed: they hold the last key they used). */
    int idleCiphers() {
        return ciphers.idle();
    }

    /** The aliases of the keys it holds (none once closed). */
    Set<String> keyIds() {
        return keys.aliases();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int formatVersion() {
        return FORMAT_VERSION;
    }

    @Override
    public boolean reads(int formatVersion) {
        return formatVersion == FORMAT_VERSION;
    }

    @Override
    public TransformStep bind(Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!name.equals("key")) {
                throw new IllegalArgumentException("aes-gcm has no parameter '" + name
                        + "': its only parameter is key (the alias of the keystore's key for new values)");
            }
        }
        String keyId = parameters.get("key");
        if (keyId == null || keyId.isEmpty()) {
            throw new IllegalArgumentException("aes-gcm needs the parameter key, the alias of the keystore's key to "
                    + "encrypt new values with, e.g. aes-gcm(key=main)");
        }
        byte[] id = keyId.getBytes(UTF_8);
        if (id.length > MAX_KEY_ID_BYTES) {
            throw new IllegalArgumentException("aes-gcm parameter 'key' names an alias of " + id.length
                    + " bytes; at most " + MAX_KEY_ID_BYTES);
        }
        if (keys.key(keyId) == null) {
            throw new IllegalArgumentException("aes-gcm parameter 'key' names '" + keyId + "', which is no AES-256 key "
                    + "of the keystore (it has " + keys.aliases() + ")");
        }
        byte[] header = ByteBuffer.allocate(id.length + 4).put(id).putInt(crc32c(id)).array();
        // One header for every value: the kernel copies a step's header into the value and never modifies it
        return (value, identity) -> new Transformed(header, encrypt(keyId, value, identity));
    }

    private byte[] encrypt(String keyId, byte[] value, ValueIdentity identity) {
        SecretKey key = key(keyId, identity);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.borrow();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.of(identity));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + cipher.getOutputSize(value.length));
            cipher.doFinal(value, 0, value.length, out, NONCE_BYTES);
            ciphers.giveBack(cipher);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(identity + ": aes-gcm cannot encrypt with key id '" + keyId + "': " + e, e);
        }
    }

    @Override
    public byte[] decode(int formatVersion, byte[] header, byte[] data, ValueIdentity identity) {
        return decode(formatVersion, header, data, 0, data.length, identity);
    }

    /** Decrypts in place in the kernel's payload: no copy of the ciphertext first. */
    @Override
    public byte[] decode(int formatVersion, byte[] header, byte[] source, int offset, int length,
            ValueIdentity identity) {
        if (!reads(formatVersion)) {
            throw corrupt(identity, "is in format version " + formatVersion + ", which this aes-gcm transform "
                    + "(format " + FORMAT_VERSION + ") does not read");
        }
        String keyId = keyId(header, identity);
        SecretKey key = key(keyId, identity);
        if (length < NONCE_BYTES + TAG_BITS / 8) {
            throw corrupt(identity, "holds " + length + " bytes of aes-gcm data, fewer than a nonce and a tag");
        }
        try {
            Cipher cipher = ciphers.borrow();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, source, offset, NONCE_BYTES));
            cipher.updateAAD(associatedData.of(identity));
            byte[] value = cipher.doFinal(source, offset + NONCE_BYTES, length - NONCE_BYTES);
            ciphers.giveBack(cipher);
            return value;
        } catch (AEADBadTagException e) {
            throw corrupt(identity, "fails aes-gcm authentication with key id '" + keyId + "': it was altered, or "
                    + "written under another namespace, store or key");
        } catch (GeneralSecurityException e) {
            throw new CorruptValueException(identity + ": aes-gcm cannot decrypt it with key id '" + keyId + "': "
                    + e, e);
        }
    }

    /** A step header as written, and the key id it names. */
    private record KeyIdHeader(byte[] header, String keyId) {
    }

    private String keyId(byte[] header, ValueIdentity identity) {
        KeyIdHeader last = lastRead;
        if (last != null && Arrays.equals(last.header(), header)) {
            return last.keyId();
        }
        String keyId = parseKeyId(header, identity);
        lastRead = new KeyIdHeader(header.clone(), keyId);
        return keyId;
    }

    private static String parseKeyId(byte[] header, ValueIdentity identity) {
        if (header.length < 5) {
            throw corrupt(identity, "has a " + header.length + "-byte aes-gcm header, too short for a key id");
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        byte[] id = new byte[header.length - 4];
        fields.get(id);
        if (fields.getInt() != crc32c(id)) {
            throw corrupt(identity, "has an aes-gcm header whose key id fails its CRC32C: it was altered");
        }
        try {
            return UTF_8.newDecoder().decode(ByteBuffer.wrap(id)).toString();
        } catch (CharacterCodingException e) {
            throw corrupt(identity, "has an aes-gcm key id that is not UTF-8");
        }
    }

    private SecretKey key(String keyId, ValueIdentity identity) {
        SecretKey key = closed ? null : keys.key(keyId);
        if (key == null) {
            throw new TransformUnavailableException(identity + ": aes-gcm key id '" + keyId + "' is "
                    + (closed ? "gone: the aes-gcm transform was stopped" : "not in the keystore"));
        }
        return key;
    }

    private static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private static CorruptValueException corrupt(ValueIdentity identity, String what) {
        return new CorruptValueException(identity + ": the value " + what);
    }
}
