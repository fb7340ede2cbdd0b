// FaultlineChaos
