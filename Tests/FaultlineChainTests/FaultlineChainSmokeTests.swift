import Testing
@testable import FaultlineChain
