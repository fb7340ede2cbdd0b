extension ShapeRepair {
    /// A response a sequence of repairs made fit its shape, and which steps it took.
    public struct Repaired: Sendable, Hashable {
        public var response: ChatResponse
        /// The steps that applied, in order; never empty.
        public var applied: [RepairStep]

        public init(response: ChatResponse, applied: [RepairStep]) {
            self.response = response
            self.applied = applied
        }
    }

    /// Tries `steps` in order, keeping each one that applies, until the shape's own checks
    /// pass (the checks every answer must pass, like usage present, are left to the caller:
    /// no repair can supply them). `nil` when nothing applied or the shape still fails.
    public static func repair(
        _ response: ChatResponse, shape: ExpectedShape, steps: [RepairStep] = RepairStep.allCases
    ) -> Repaired? {
        var current = response
        var applied: [RepairStep] = []
        for step in steps {
            if shapeHolds(current, shape) { break }
            if let next = apply(step, to: current, shape: shape) {
                current = next
                applied.append(step)
            }
        }
        guard !applied.isEmpty, shapeHolds(current, shape) else { return nil }
        return Repaired(response: current, applied: applied)
    }

    private static func shapeHolds(_ response: ChatResponse, _ shape: ExpectedShape) -> Bool {
        ShapeCheck.violations(of: response, against: shape).allSatisfy { violation in
            ShapeViolation.Check(rawValue: violation.check)?.appliesToEveryShape ?? false
        }
    }
}
