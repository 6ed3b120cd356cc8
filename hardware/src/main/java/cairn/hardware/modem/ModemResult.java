package cairn.hardware.modem;

/**
 * What one {@link ModemReader#read()} gives: a {@link ModemSample} or a {@link ModemFailure}, never both.
 *
 * <pre>{@code
 * ModemResult result = reader.read();
 * if (result instanceof ModemSample sample) {
 *     sample.mode().ifPresent(mode -> ...);
 * } else if (result instanceof ModemFailure failure) {
 *     log(failure.reason().code(), failure.message());
 * }
 * }</pre>
 */
public sealed interface ModemResult permits ModemSample, ModemFailure {}
