import Testing

@testable import FaultlineReports

@Suite struct AxisScaleTests {
    @Test func narrowSpreadIsLinearFromZeroWithRoundTicks() {
        let scale = AxisScale(values: [12, 61, 75])
        #expect(!scale.logarithmic)
        #expect(scale.lower == 0)
        #expect(scale.upper == 80)
        #expect(scale.ticks == [0, 20, 40, 60, 80])
        #expect(scale.position(40) == 0.5)
        #expect(scale.position(500) == 1, "clamped")
    }

    @Test func heavyTailTurnsLogarithmicWithDecadeTicks() {
        let scale = AxisScale(values: [8, 20, 4100])
        #expect(scale.logarithmic)
        #expect(scale.ticks == [1, 10, 100, 1000, 10000])
        #expect(abs(scale.position(100) - 0.5) < 1e-9)
        #expect(scale.position(0) == 0, "zero clamps to the first decade")
    }

    @Test(arguments: [[Double](), [0], [0, 0], [Double.nan, -5]])
    func degenerateInputStillGivesAUsableAxis(values: [Double]) {
        let scale = AxisScale(values: values)
        #expect(scale.upper > scale.lower)
        #expect(!scale.ticks.isEmpty)
        #expect(scale.position(0).isFinite)
    }

    @Test(arguments: [(0.9, 1.0), (1.1, 2.0), (2.2, 2.5), (3, 5), (7, 10), (180, 200)])
    func niceSteps(raw: Double, expected: Double) {
        #expect(AxisScale.niceStep(raw) == expected)
    }
}
