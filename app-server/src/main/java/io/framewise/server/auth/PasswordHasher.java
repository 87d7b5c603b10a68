package io.framewise.server.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id password hashes (pure Java, Bouncy Castle underneath) in the standard encoded form
 * {@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}, which carries its own parameters: hashes
 * made with older parameters still verify, and {@link #needsRehash} says when to renew them.
 *
 * <p>Default cost, chosen for a 2-core LAN box: 19 MiB of memory, 2 passes, 1 lane (OWASP's
 * minimum recommendation for Argon2id). One lane because parallel lanes would take both cores
 * from the media workers during a login burst. Measured once on the 2-core build machine: the
 * first hash in a fresh JVM took 96 ms (PasswordHasherTest prints it), so a login costs one core
 * about a tenth of a second and an online guesser gets about 10 tries per second per core.
 *
 * <p>Every hash and verification runs in a slot of a {@link HashingCap} (the JVM's shared one by
 * default), so the memory they hold together is bounded; a full cap answers 503.
 */
public final class PasswordHasher {

    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 32;
    public static final int DEFAULT_MEMORY_KIB = 19 * 1024;
    public static final int DEFAULT_ITERATIONS = 2;
    private static final int PARALLELISM = 1;

    /**
     * The system property that, set to {@value #LIGHT}, makes {@link #configured()} hash at the
     * smallest cost Argon2 allows. The test suites set it: they start hundreds of servers and make
     * thousands of accounts, and at the production cost hashing was a third of their CPU time.
     */
    public static final String COST_PROPERTY = "framewise.passwordHashing";

    public static final String LIGHT = "light";
    static final int LIGHT_MEMORY_KIB = 64;
    static final int LIGHT_ITERATIONS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(PasswordHasher.class);
    /** Decoy hashes by cost: one per cost and JVM, not one per server or command started. */
    private static final Map<String, String> DECOYS = new ConcurrentHashMap<>();

    private final Argon2PasswordEncoder encoder;
    private final HashingCap cap;
    /** A hash of a password nobody knows, verified against when there is no account to check. */
    private final String decoy;

    /** The production cost. */
    public PasswordHasher() {
        this(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS);
    }

    /**
     * The hasher a server or command uses: the production cost, unless {@link #COST_PROPERTY} says
     * {@value #LIGHT} (then it says so in the log, since such hashes guard nothing).
     */
    public static PasswordHasher configured() {
        String cost = System.getProperty(COST_PROPERTY);
        if (cost == null || cost.isBlank()) {
            return new PasswordHasher();
        }
        if (!cost.equals(LIGHT)) {
            throw new IllegalArgumentException(COST_PROPERTY + " must be '" + LIGHT + "' or unset, was '" + cost + "'");
        }
        LOG.warn(
                "Password hashes are made at the lightest cost ({}={}): for tests only, never a real library",
                COST_PROPERTY,
                LIGHT);
        return new PasswordHasher(LIGHT_MEMORY_KIB, LIGHT_ITERATIONS);
    }

    /** A chosen cost (tests use a small one where hashing is not what they test). */
    public PasswordHasher(int memoryKib, int iterations) {
        this(memoryKib, iterations, HashingCap.shared());
    }

    /** A chosen cost and concurrency cap. */
    public PasswordHasher(int memoryKib, int iterations, HashingCap cap) {
        if (memoryKib < 8 || iterations < 1) {
            throw new IllegalArgumentException("Argon2 needs at least 8 KiB and 1 iteration");
        }
        this.cap = java.util.Objects.requireNonNull(cap, "cap");
        encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, memoryKib, iterations);
        decoy = DECOYS.computeIfAbsent(
                memoryKib + "/" + iterations, k -> encoder.encode("decoy password no account has"));
    }

    /**
     * A fresh salted hash of {@code password}, after checking it against the {@link PasswordPolicy}.
     *
     * @throws io.framewise.server.http.ApiException.Unavailable when no hashing slot frees up in time
     */
    public String hash(String password) {
        String checked = PasswordPolicy.check(password);
        return cap.run(() -> encoder.encode(checked));
    }

    /**
     * Whether {@code password} matches {@code encodedHash}; the comparison takes the same time
     * wherever the bytes differ. A missing or malformed hash never matches, but still costs one
     * hash so that timing does not tell whether the account exists.
     *
     * @throws io.framewise.server.http.ApiException.Unavailable when no hashing slot frees up in time
     */
    public boolean verify(String password, String encodedHash) {
        return cap.run(() -> {
            if (password == null || password.length() > PasswordPolicy.MAX_LENGTH * 2) {
                encoder.matches("", decoy);
                return false;
            }
            if (encodedHash == null || !encodedHash.startsWith("$argon2id$")) {
                encoder.matches(password, decoy);
                return false;
            }
            return encoder.matches(password, encodedHash);
        });
    }

    /** Whether {@code encodedHash} was made with other parameters than this hasher's. */
    public boolean needsRehash(String encodedHash) {
        return encodedHash == null || encoder.upgradeEncoding(encodedHash);
    }
}
