// FaultlineChain
