package cairn.hardware.thermal;

/** One reading of a thermal zone: which zone (e.g. {@code thermal_zone0, cpu-thermal}) and its value. */
public record CpuTemperature(String zone, int millidegreesCelsius) {
    public double celsius() {
        return millidegreesCelsius / 1000.0;
    }
}
