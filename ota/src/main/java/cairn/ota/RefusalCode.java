package cairn.ota;

/** Why a device refused a bundle; the names are stable and travel in MQTT health and events. */
public enum RefusalCode {
    /** A bundle file is missing or cannot be read. */
    UNREADABLE_FILE,
    /** The signature file is not in the expected format. */
    MALFORMED_SIGNATURE,
    /** The bundle names a signing key other than the one this device trusts. */
    WRONG_KEY,
    /** The signature does not match the manifest under the trusted key. */
    BAD_SIGNATURE,
    /** The manifest is signed but not a valid manifest. */
    MALFORMED_MANIFEST,
    /** The bundle's counter is not above the highest this device has accepted: a replayed or older bundle. */
    REPLAY,
    /** The bundle's version is not newer than the installed one, and it is not a signed rollback. */
    DOWNGRADE,
    /** This version already failed its trial on this device; it is never retried automatically. */
    KNOWN_BAD,
    /** The installed version is older than the bundle's minimum-previous-version. */
    INSTALLED_TOO_OLD,
    /** The payload is shorter than the manifest says. */
    TRUNCATED_PAYLOAD,
    /** The payload is longer than the manifest says, or its SHA-256 differs. */
    TAMPERED_PAYLOAD,
    /** The payload is not a release the device can install: not a zip, or its files differ from the manifest's. */
    BAD_RELEASE,
    /** A release is on trial; nothing new is installed until it has committed or been rolled back. */
    TRIAL_RUNNING,
    /** The download did not complete: the server, the link or the byte allowance stopped it. */
    DOWNLOAD_FAILED
}
