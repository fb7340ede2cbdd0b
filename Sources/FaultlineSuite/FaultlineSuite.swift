// FaultlineSuite
