package cairn.supervise;

/**
 * Where a supervised stage is.
 *
 * <pre>
 *   RUNNING ── throws ──────────────▶ RESTARTING ── back-off over ──▶ RUNNING
 *      │  └── silent past deadline ─▶ STUCK (thread interrupted) ── thread ends ──▶ RESTARTING
 *      │                                 └── checks in again ──▶ RUNNING
 *      ├── returns by itself ───────▶ ENDED
 *      └── stop() ──────────────────▶ STOPPED
 * </pre>
 * A STUCK stage whose thread never ends stays STUCK: that is what stops the watchdog.
 */
public enum StageState { RUNNING, RESTARTING, STUCK, ENDED, STOPPED }
