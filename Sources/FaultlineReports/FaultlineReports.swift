// FaultlineReports
