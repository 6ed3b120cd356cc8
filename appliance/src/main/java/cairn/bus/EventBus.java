package cairn.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In-process fan-out of {@link Event}s from the stages to whoever listens (log, MQTT, LEDs).
 *
 * <p>Threading: {@link #publish} runs every listener on the publisher's thread, so listeners must
 * be quick and must not block; a listener that throws is logged and the others still run.
 */
public final class EventBus {
  private static final Logger LOG = Logger.getLogger(EventBus.class.getName());
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

  public void subscribe(Consumer<Event> listener) {
    listeners.add(listener);
  }

  public void publish(Event event) {
    for (Consumer<Event> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "event listener failed on " + event.type(), e);
      }
    }
  }
}
