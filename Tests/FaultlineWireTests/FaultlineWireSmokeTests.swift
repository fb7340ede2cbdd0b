import Testing
@testable import FaultlineWire
