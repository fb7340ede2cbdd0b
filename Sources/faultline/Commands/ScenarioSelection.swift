import FaultlineSuite

/// Refuses a run that `--filter` and `--shard` leave empty: "0 checks, exit 0" would let a
/// typo in a CI matrix pass silently.
enum ScenarioSelection {
    static func check(_ runner: SuiteRunner, suites: [SuiteDefinition]) throws(CLIError) {
        guard runner.selected(suites).isEmpty else { return }
        let total = suites.reduce(0) { $0 + $1.scenarios.count }
        let options = runner.options
        let filter = options.filter.flatMap { $0.isEmpty ? nil : $0 }
        guard total > 0 else { throw .badInput("the suites hold no scenario to run") }
        var filterOnly = runner
        filterOnly.options.shard = nil
        let matching = filterOnly.selected(suites).reduce(0) { $0 + $1.scenarios.count }
        let names = suites.map(\.name).joined(separator: ", ")
        switch (filter, options.shard) {
        case (let filter?, nil), (let filter?, _) where matching == 0:
            throw .badInput("--filter `\(filter)` selects no scenario: none of the \(total) `suite.scenario` names contains it (suites: \(names))")
        case (let filter?, let shard?):
            throw .badInput("--filter `\(filter)` --shard \(shard) select no scenario: the filter matches \(matching) of \(total) scenarios, none of them in shard \(shard)")
        case (nil, let shard?):
            throw .badInput("--shard \(shard) selects no scenario: there are only \(total) scenario(s) (suites: \(names))")
        case (nil, nil):
            throw .badInput("the suites hold no scenario to run")
        }
    }
}
