package cairn.lab.mqtt;

import cairn.lab.rig.ExternalCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A command signed the way appliance/MQTT.md tells operators to, with jq and openssl from a shell. */
final class SignedCommand {
    private SignedCommand() {}

    static String of(String id, String action, String expires, String args, String key, boolean withSig)
            throws IOException {
        String body = "{\"id\":\"" + id + "\",\"action\":\"" + action + "\",\"expires\":\"" + expires + "\",\"args\":"
                + args;
        if (!withSig) {
            return body + "}";
        }
        String script = "text=$(printf 'cairn-cmd-v1\\n%s\\n%s\\n%s\\n%s' \"$1\" \"$2\" \"$3\" \"$(jq -cS . <<<\"$4\")\")\n"
                + "printf '%s' \"$text\" | openssl dgst -sha256 -hmac \"$5\" -r | cut -d' ' -f1";
        String sig = ExternalCommand.runChecked(List.of("bash", "-c", script, "sign", id, action, expires, args, key),
                Duration.ofSeconds(20)).stdout().strip();
        return body + ",\"sig\":\"" + sig + "\"}";
    }
}
