import Testing
@testable import FaultlineChaos
