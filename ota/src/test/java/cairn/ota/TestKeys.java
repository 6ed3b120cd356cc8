package cairn.ota;

import java.security.KeyPair;

/** Key pairs made once per test run; Ed25519 key generation is cheap, but there is no need to repeat it. */
final class TestKeys {
    static final KeyPair OPERATOR = PemKeys.generate();
    static final KeyPair STRANGER = PemKeys.generate();

    private TestKeys() {}
}
