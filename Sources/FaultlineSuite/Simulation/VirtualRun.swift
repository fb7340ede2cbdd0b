import FaultlineChain
import FaultlineChaos
import FaultlineWire

/// A chaos scenario on the virtual clock: a discrete-event loop that drives the real
/// `ChainStateMachine` against the real `MockResponder`, playing each `ResponseScript`
/// through the real adapters with `SimulatedTransport`. Only time is simulated, so a
/// million tasks take seconds and a seed replays exactly.
struct VirtualRun {
    let chain: ChainConfig
    let task: TaskDefinition
    let requests: Int
    let concurrency: Int
    let arrivalRate: Double?
    let seed: UInt64
    let responder: MockResponder
    struct Outcome {
        var metrics: MetricsCollector
        var health: ProviderHealthBook
        var verdicts: VerdictJudge
    }

    private enum Event {
        case arrival(task: Int)
        case attemptDone(slot: Int, events: [SimulatedTransport.Event])
        case timer(slot: Int)
    }

    private struct Slot {
        var task: Int
        var machine: ChainStateMachine
    }

    func run(into metrics: MetricsCollector) -> Outcome {
        var metrics = metrics
        var judge = VerdictJudge()
        var health = ProviderHealthBook(chain: chain)
        var queue = EventQueue<Event>()
        var slots: [Slot?] = []
        var freeSlots: [Int] = []
        var issued = 0
        let root = SeededRandom(seed: seed)
        let dialects = chain.providers.map { $0.dialect.dialect }

        func issueNext(at time: Double) {
            guard issued < requests else { return }
            queue.push(.arrival(task: issued), at: time)
            issued += 1
        }
        if let rate = arrivalRate {
            var arrivals = root.derived("arrivals")
            var time = 0.0
            for _ in 0..<requests {
                queue.push(.arrival(task: issued), at: time)
                issued += 1
                time += -Foundation.log(1 - arrivals.unit()) / rate  // Poisson arrivals
            }
        } else {
            for _ in 0..<min(concurrency, requests) { issueNext(at: 0) }
        }

        func perform(_ action: ChainStateMachine.Action, slot: Int, now: Double) {
            switch action {
            case .continueAttempt:
                break
            case .send(let attempt):
                let provider = chain.providers[attempt.provider]
                let wire = attempt.request ?? WireRequest(path: "/")
                let request = MockRequest(dialect: provider.dialect, provider: provider.name, wire: wire, elapsed: now, keyID: "sim")
                let script = responder.script(for: request)
                let timeouts = attempt.timeouts
                let events = SimulatedTransport.play(
                    script, dialect: dialects[attempt.provider], start: now,
                    deadlines: .init(firstByte: timeouts.firstByte, firstToken: timeouts.firstToken, idle: timeouts.idle, total: timeouts.total))
                queue.push(.attemptDone(slot: slot, events: events), at: events.last?.time ?? now)
            case .sleep(let until):
                queue.push(.timer(slot: slot), at: until)
            case .deliver(_, let trace), .fail(_, let trace):
                metrics.record(TaskSample(trace: trace))
                judge.judge(trace)
                slots[slot] = nil
                freeSlots.append(slot)
                if arrivalRate == nil { issueNext(at: now) }
            }
        }

        while let (now, event) = queue.pop() {
            switch event {
            case .arrival(let task):
                let slot = freeSlots.popLast() ?? { slots.append(nil); return slots.count - 1 }()
                var machine = ChainStateMachine(
                    chain: chain, request: self.task.request, shape: self.task.shape,
                    random: root.derived("task", task))
                let action = machine.start(now: now, health: &health)
                slots[slot] = Slot(task: task, machine: machine)
                perform(action, slot: slot, now: now)
            case .attemptDone(let slot, let events):
                var action = ChainStateMachine.Action.continueAttempt
                for observed in events {
                    switch observed {
                    case .head(let at, let status, let headers):
                        action = slots[slot]!.machine.responseHead(status: status, headers: headers, now: at)
                    case .chunk(let at, let streamEvents):
                        action = slots[slot]!.machine.chunk(events: streamEvents, now: at)
                    case .completed(let at, .success(let response)):
                        action = slots[slot]!.machine.completed(.success(response), now: at, health: &health)
                    case .completed(let at, .failure(let error)):
                        action = slots[slot]!.machine.failed(error, now: at, health: &health)
                    }
                    if case .continueAttempt = action { continue }
                    break
                }
                perform(action, slot: slot, now: now)
            case .timer(let slot):
                let action = slots[slot]!.machine.timerFired(now: now, health: &health)
                perform(action, slot: slot, now: now)
            }
        }
        return Outcome(metrics: metrics, health: health, verdicts: judge)
    }
}

import Foundation
