import Foundation

/// Writes export files atomically: Foundation's `.atomic` option writes a temporary file in the
/// destination's folder and renames it over the target, so a reader never sees half a file.
public enum OutputFiles {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw ExportError.output(url.path, error.localizedDescription)
        }
    }

    /// Writes each (file name, bytes) into `folder`, creating it when missing.
    public static func write(_ files: [(name: String, data: Data)], into folder: URL) throws {
        for file in files { try write(file.data, to: folder.appendingPathComponent(file.name)) }
    }
}
