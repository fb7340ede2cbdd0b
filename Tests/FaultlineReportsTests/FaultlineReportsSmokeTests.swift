import Testing
@testable import FaultlineReports
