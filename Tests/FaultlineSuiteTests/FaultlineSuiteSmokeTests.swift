import Testing
@testable import FaultlineSuite
