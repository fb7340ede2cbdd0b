import Foundation

/// Checks before a run that its reports can be written, so a read-only or mistyped
/// `--report-dir` is one line and exit 2 up front, not a Foundation error after an hour's run.
enum ReportFolder {
    static func checkWritable(_ directory: String, junitPath: String?) throws(CLIError) {
        try checkFolder(directory, option: "--report-dir")
        if let junitPath {
            let parent = URL(fileURLWithPath: junitPath).deletingLastPathComponent().path
            try checkFolder(parent, option: "--junit \(junitPath): the folder")
        }
    }

    /// Creates `directory` (and its parents) and writes and removes a probe file in it.
    private static func checkFolder(_ directory: String, option: String) throws(CLIError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .badInput("\(option) \(directory): cannot write reports there (it is a file, not a folder)") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .badInput("\(option) \(directory): cannot create the folder (\(reason(error)))")
            }
        }
        let probe = directory + "/.faultline-write-check-\(getpid())"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw .badInput("\(option) \(directory): cannot write reports there (\(String(cString: strerror(errno))))")
        }
        close(descriptor)
        unlink(probe)
    }

    /// The operating system's reason for a file error, without Foundation's dump of its user info.
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return nsError.localizedDescription
    }
}
