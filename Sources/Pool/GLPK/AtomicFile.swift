import Foundation

/// Output files are never seen half-written: they are written to a temporary file in the same
/// directory and renamed over the target.
enum AtomicFile {
    static func write(to path: String, _ body: (String) throws -> Void) throws {
        try withTemporary(near: path) { temporary in
            try body(temporary)
            guard rename(temporary, path) == 0 else {
                throw ModelFileError(path: path, message: "cannot replace the file: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// A fresh, empty, uniquely named file next to `path`, removed afterwards unless renamed.
    static func withTemporary<T>(near path: String, _ body: (String) throws -> T) throws -> T {
        let url = URL(fileURLWithPath: path)
        var template = Array("\(url.deletingLastPathComponent().path)/.\(url.lastPathComponent).XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw ModelFileError(path: path, message: "cannot create a temporary file next to it: \(String(cString: strerror(errno)))")
        }
        fchmod(fd, 0o644)
        close(fd)
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(temporary) }  // a no-op after a successful rename
        return try body(temporary)
    }
}

/// Copies a text file, letting `editHead` see (and change or drop) its first lines one by one
/// until it returns true; the rest is copied as bytes. Used to add Pool's header and MPS's
/// OBJSENSE section, which GLPK neither writes nor reads.
enum TextFileCopy {
    static func copy(from source: String, to destination: String, prefix: String = "",
                     editHead: (inout String) -> Bool) throws {
        guard let input = fopen(source, "r") else {
            throw ModelFileError(path: source, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        defer { fclose(input) }
        guard let output = fopen(destination, "w") else {
            throw ModelFileError(path: destination, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        var failed = fputs(prefix, output) < 0
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        var headDone = false
        while !failed && !headDone, getline(&line, &capacity, input) > 0, let line {
            var text = String(cString: line)
            headDone = editHead(&text)
            failed = fputs(text, output) < 0
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while !failed {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, input) }
            if n == 0 { failed = ferror(input) != 0; break }
            failed = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, n, output) } != n
        }
        if fclose(output) != 0 { failed = true }
        if failed { throw ModelFileError(path: destination, message: "writing failed: \(String(cString: strerror(errno)))") }
    }
}
