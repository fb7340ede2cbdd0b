import Foundation

/// Maps latencies to 0…1 along the x axis, with round tick values.
struct AxisScale {
    var lower: Double
    var upper: Double
    var logarithmic: Bool
    var ticks: [Double]

    init(values: [Double]) {
        let finite = values.filter { $0.isFinite && $0 >= 0 }
        let maximum = finite.max() ?? 1
        let positiveMinimum = finite.filter { $0 > 0 }.min() ?? maximum
        if maximum > 0, positiveMinimum > 0, maximum / positiveMinimum > 100 {
            logarithmic = true
            lower = pow(10, floor(log10(positiveMinimum)))
            upper = pow(10, ceil(log10(maximum)))
            if upper <= lower { upper = lower * 10 }
            var ticks: [Double] = []
            var tick = lower
            while tick <= upper * 1.0001 {
                ticks.append(tick)
                tick *= 10
            }
            self.ticks = ticks
        } else {
            logarithmic = false
            lower = 0
            let step = AxisScale.niceStep(max(maximum, 1) / 5)
            upper = max(step, (max(maximum, 1) / step).rounded(.up) * step)
            ticks = stride(from: 0.0, through: upper + step / 2, by: step).map { $0 }
        }
    }

    /// 1, 2, 2.5 or 5 times a power of ten: ticks a person reads at a glance.
    static func niceStep(_ raw: Double) -> Double {
        let power = pow(10, floor(log10(raw)))
        for factor in [1.0, 2, 2.5, 5, 10] where raw <= factor * power { return factor * power }
        return 10 * power
    }

    func position(_ value: Double) -> Double {
        guard upper > lower else { return 0 }
        if logarithmic {
            let clamped = min(max(value, lower), upper)
            return (log10(clamped) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return min(max((value - lower) / (upper - lower), 0), 1)
    }
}
