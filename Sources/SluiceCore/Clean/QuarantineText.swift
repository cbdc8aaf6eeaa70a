extension RecordMapper {
    /// The text kept in the quarantine for a rejected row: the mapped columns only, as one CSV line
    /// (`values[i]` is the text of `requestedColumns[i]`), in the order `order` gives (positions in
    /// `values`; the CSV header's order for CSV files), else in mapping order.
    ///
    /// Columns the definition does not map (recipient names, phone numbers, addresses in shop
    /// exports) never reach the database, not even for a rejected row; a user id is replaced by
    /// its pseudonym when `privacy.pseudonymize_user_ids` is on.
    func quarantineText(_ values: [String?], order: [Int]? = nil) -> String {
        var fields: [String] = []
        fields.reserveCapacity(requestedColumns.count)
        for k in order ?? Array(requestedColumns.indices) {
            guard k < values.count, let value = values[k] else {
                fields.append("")
                continue
            }
            if k == userIDColumn, let pseudonymizer {
                // The id as it would be stored (tabs and spaces stripped), so that the quarantine
                // shows the same pseudonym as the loaded rows.
                let id = (try? FieldParsers.id(value)) ?? value
                fields.append(id.isEmpty ? "" : pseudonymizer.pseudonym(id))
            } else {
                fields.append(value)
            }
        }
        return csvLine(fields)
    }
}
