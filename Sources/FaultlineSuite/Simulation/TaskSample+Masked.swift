extension TaskSample {
    /// The task as it really went when a gateway delivered it from nothing but broken upstream
    /// answers (`verdicts.masked_upstream_fault`): delivered, but nonsense rather than a clean
    /// success, since no provider ever gave what the client received.
    var masked: TaskSample {
        var sample = self
        sample.outcome = "nonsense"
        sample.shapeClean = false
        sample.shapeRepaired = false
        return sample
    }
}
