import ArgumentParser
import FaultlineWire
import Foundation

/// The CLI's exit codes (DESIGN.md), mapped from errors in this one place.
enum ExitStatus: Int32 {
    case passed = 0
    case testFailed = 1
    case badInput = 2
    case internalError = 3
    /// SIGINT: 128 + 2, as a shell reports it.
    case interrupted = 130
    /// SIGTERM (CI cancellation, container stop): 128 + 15.
    case terminated = 143
}

/// An error whose message is for the user and whose exit status is known.
struct CLIError: Error, CustomStringConvertible {
    var status: ExitStatus
    var message: String
    var description: String { message }

    static func badInput(_ message: String) -> CLIError { CLIError(status: .badInput, message: message) }
}

extension CommandLine {
    /// Parses and runs the command. Usage errors exit 2 (ArgumentParser's default is 64),
    /// help and version exit 0, everything else maps through `ExitStatus`.
    static func runFaultline() async {
        let status: ExitStatus
        do {
            var command = try Faultline.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            status = .passed
        } catch let error as CLIError {
            if !error.message.isEmpty { FileHandle.standardError.write(Data((TerminalText.escapedLines(error.message) + "\n").utf8)) }
            status = error.status
        } catch let exit as ExitCode {
            exitProcess(exit.rawValue)
        } catch {
            let code = Faultline.exitCode(for: error)
            let message = Faultline.fullMessage(for: error)
            if code == .success {
                print(message)
                status = .passed
            } else {
                FileHandle.standardError.write(Data((TerminalText.escapedLines(message) + "\n").utf8))
                status = code == .validationFailure ? .badInput : (code.rawValue == 1 ? .badInput : .internalError)
            }
        }
        exitProcess(status.rawValue)
    }

    static func exitProcess(_ code: Int32) -> Never {
        fflush(nil)  // flushes every output stream
        exit(code)
    }
}
