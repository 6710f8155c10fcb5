"""The message catalogue in Vietnamese: every rendered label, keyed as `tracker.i18n.t` looks it up."""

MESSAGES: dict[str, str] = {
    "status.achieved": "đã đạt",
    "status.on-track": "đúng tiến độ",
    "status.fair": "khá",
    "status.limited": "hạn chế",
    "status.deteriorating": "đi xuống",
    "status.missed": "trễ hạn",
    "status.insufficient-data": "chưa đủ dữ liệu",
    "status.no-data": "không có dữ liệu",
    "status.no-target": "không có mục tiêu",
    "col.rank": "#",
    "col.province": "Tỉnh/thành",
    "col.score": "Điểm",
    "col.coverage": "Phủ",
    "col.indicator": "Chỉ số",
    "col.latest": "Mới nhất",
    "col.baseline": "Cơ sở",
    "col.target": "Mục tiêu",
    "col.attainment": "Đạt",
    "col.gap": "Còn thiếu",
    "col.status": "Tình trạng",
    "col.projected": "Năm đạt",
    "col.quality": "Chất lượng",
    "col.source": "Nguồn",
    "col.domain": "Lĩnh vực",
    "col.value": "Giá trị",
    "col.period": "Kỳ",
    "col.due": "Hạn",
    "col.reporting": "Báo cáo",
    "col.national_reported": "Công bố",
    "national": "Việt Nam (tổng hợp)",
    "title.report": "Bảng điểm y tế số",
    "title.show": "{name}: từng chỉ số",
    "title.domains": "Điểm theo lĩnh vực",
    "title.gaps": "Khoảng cách lớn nhất đến mục tiêu",
    "title.rank": "Xếp hạng tỉnh theo {indicator}",
    "title.national": "Số liệu toàn quốc (tổng hợp từ các tỉnh)",
    "footer.asof": "Tính đến {as_of} · khung mục tiêu {framework}",
    "footer.illustrative": (
        "† dựa trên số liệu minh họa hoặc ước tính: {flagged} trên {total} quan sát không phải số liệu công bố"
    ),
    "footer.illustrative_short": "† {flagged} trên {total} chỉ số dựa trên số liệu minh họa hoặc ước tính",
    "title.completeness": "Mức độ đầy đủ của báo cáo: số tỉnh có số liệu, theo chỉ số",
    "title.completeness_grid": "Năm của số liệu mới nhất mỗi tỉnh (25 = 2025; cột: các chỉ số ở trên)",
    "col.with_figure": "Có số liệu",
    "col.fresh": "12 tháng qua",
    "col.national_latest": "Toàn quốc (mới nhất)",
    "show.former_title": "Số liệu gộp từ các tỉnh cũ (trước ngày 1/7/2025)",
    "show.derived": "{indicator} {period}: {value} = {parts}",
    "show.partial": "{indicator} {period}: {have} trên {of} tỉnh cũ ({names}; thiếu {missing}): không dùng",
    "show.events_title": "Sự kiện (mới nhất trước)",
    "show.events_more": "… và {count} sự kiện trước đó (tracker show --format json liệt kê đủ)",
    "quality.reported": "công bố",
    "quality.estimated": "ước tính",
    "quality.illustrative": "minh họa",
    "footer.lowcov": "độ phủ thấp (< 50 % trọng số mục tiêu có dữ liệu): không xếp hạng",
    "to_go": "còn {count}",
    "to_go_noun": "còn {count} {noun}",
    "former_note": "{old} là tỉnh cũ, thuộc {new} từ ngày 1/7/2025",
    "renamed_note": "{old} là tên cũ của {new}",
    "no_score": "–",
    "title.stage": "Giai đoạn trưởng thành y tế số",
    "title.stage_one": "{name}: giai đoạn trưởng thành",
    "title.stage_years": "Số tỉnh theo giai đoạn, qua các năm",
    "title.stage_history": "Giai đoạn qua các năm",
    "col.stage": "Giai đoạn",
    "col.stage_short": "GĐ",
    "col.blockers": "Còn vướng để lên giai đoạn sau",
    "col.year": "Năm",
    "col.provinces": "Số tỉnh",
    "stage.label": "Giai đoạn {stage} — {name}",
    "stage.blocker": "{indicator} {op} {value} (hiện {current})",
    "stage.blocker_to_go": "{indicator} {op} {value} (hiện {current}, còn {count})",
    "stage.blocker_to_go_noun": "{indicator} {op} {value} (hiện {current}, còn {count} {noun})",
    "stage.blocker_none": "{indicator} {op} {value} (chưa có số liệu)",
    "stage.next": "tiếp theo, giai đoạn {stage}: {blockers}",
    "stage.top": "giai đoạn cao nhất",
    "stage.next_named": "Tiếp theo, giai đoạn {stage} — {name}, còn vướng:",
    "stage.show": "Mức trưởng thành: {stage} · {next}",
    "stage.counts": "Số tỉnh theo giai đoạn (xem tracker stage): {counts}",
    "footer.stage": (
        "Tính đến {as_of} · các giai đoạn nối tiếp nhau: mỗi giai đoạn cần đạt tiêu chí của chính nó và của mọi "
        "giai đoạn thấp hơn"
    ),
    "footer.stage_flag": "† giai đoạn dựa trên số liệu minh họa hoặc ước tính",
    "title.compare": "{name} so với {benchmark}",
    "col.benchmark": "Tham chiếu",
    "col.distance": "Khoảng cách",
    "compare.reached": "đã đạt",
    "compare.reporting": "{reporting}/{expected} tỉnh có số liệu",
    "compare.reported": "công bố {value}",
    "compare.without": "Không có giá trị tham chiếu: {items}",
    "compare.sources": "Nguồn tham chiếu:",
    "footer.compare": (
        "Tính đến {as_of} · mức tham chiếu {benchmark} · Năm đạt: năm xu hướng tuyến tính kể từ số liệu đầu tiên "
        "chạm mức tham chiếu (– không đạt với tốc độ này)"
    ),
    "footer.compare_national": (
        "Khoảng cách tính từ số liệu tổng hợp của các tỉnh (và từ số liệu công bố); năm đạt theo chuỗi số liệu "
        "công bố toàn quốc"
    ),
    # Markdown export (the ministry summary); "md." keys are used only there.
    "md.title": "Tiến độ chuyển đổi số y tế so với {framework}, tính đến ngày {as_of}",
    "md.meta.framework": "Khung mục tiêu",
    "md.meta.as_of": "Tính đến ngày",
    "md.meta.compared": "So sánh với ngày",
    "md.meta.provinces": "Số tỉnh, thành phố",
    "md.meta.provinces_value": "{shown}/{total} (thứ hạng tính trên toàn quốc)",
    "md.meta.generated": "Thời điểm tạo",
    "md.flag_intro": "Số liệu có dấu † dựa trên số liệu minh họa hoặc ước tính, không phải số liệu đã công bố.",
    "md.flag_note": (
        "† Số liệu minh họa hoặc ước tính. {flagged} trên {total} quan sát tính đến ngày {as_of} là số liệu giả "
        "định hoặc ước tính, được ghi khi chưa tìm thấy số liệu công bố; chúng chỉ minh họa cách tính và không "
        "được trích dẫn như số liệu chính thức."
    ),
    "md.h.summary": "Tóm tắt toàn quốc",
    "md.h.status": "Tình trạng theo chỉ số",
    "md.h.scoreboard": "Bảng điểm",
    "md.h.completeness": "Mức độ đầy đủ của báo cáo",
    "md.h.events": "Sự kiện mới nhất",
    "md.events.intro": (
        "Sự kiện có ngày tháng (không kèm số liệu) mới nhất của mỗi tỉnh có sự kiện (một hệ thống đi vào hoạt "
        "động, bệnh viện không giấy đầu tiên, một thí điểm); `tracker show` liệt kê đầy đủ."
    ),
    "md.col.date": "Ngày",
    "md.col.event": "Sự kiện",
    "md.completeness.intro": (
        "Số liệu nào đã có: theo chỉ số, số tỉnh có số liệu tính đến {as_of} và số tỉnh có số liệu trong 12 tháng "
        "qua (sau {since}); theo tỉnh, số chỉ số đã có số liệu. Ô trống là thiếu dữ liệu, không phải bằng 0."
    ),
    "md.col.indicators_with_figure": "Chỉ số có số liệu",
    "md.col.latest_figure": "Số liệu mới nhất",
    "md.h.domains": "Điểm theo lĩnh vực",
    "md.h.gaps": "Khoảng cách lớn nhất",
    "md.h.projections": "Dự báo",
    "md.h.chart": "Biểu đồ tiến độ",
    "md.h.methodology": "Phương pháp",
    "md.h.sources": "Nguồn",
    "md.national_score": (
        "Điểm toàn quốc đạt **{score}**/100 (độ phủ {coverage}), tính từ số liệu tổng hợp của các tỉnh, thành phố."
    ),
    "md.national_score_none": (
        "Chưa tính được điểm toàn quốc: chưa có chỉ số nào vừa có mục tiêu vừa có số liệu tổng hợp."
    ),
    "md.nat.counts": "{numerator}/{denominator}",
    "md.nat.reporting": "{reporting}/{expected} tỉnh, thành phố có số liệu",
    "md.nat.target": "mục tiêu {target}, chậm nhất ngày {due}",
    "md.nat.met": "đã đạt mục tiêu",
    "md.nat.gap": "còn cách {gap}",
    "md.nat.no_target": "khung này không đặt mục tiêu",
    "md.nat.no_data": "chưa có số liệu tổng hợp: không tỉnh nào có số liệu gần đây",
    "md.nat.reported": "Số liệu công bố toàn quốc: {value}",
    "md.status_sentence": (
        "Trên {provinces} tỉnh, thành phố và {indicators} chỉ số có mục tiêu ({total} kết quả): {counts}."
    ),
    "md.movers_up": "Tăng điểm nhiều nhất so với ngày {date}: {items}.",
    "md.movers_down": "Giảm điểm nhiều nhất: {items}.",
    "md.movers_no_gain": "Không tỉnh, thành phố nào tăng điểm so với ngày {date}.",
    "md.movers_none": "Chưa tỉnh, thành phố nào so sánh được với ngày {date}.",
    "md.mover": "{name} ({change}, hiện đạt {score})",
    "md.legend.flag": "† dựa trên số liệu minh họa hoặc ước tính",
    "md.legend.change": "± thay đổi so với ngày {date} (cùng điểm số một năm trước)",
    "md.legend.none": "– không tính điểm: không có mục tiêu hoặc chưa có số liệu",
    "md.col.coverage": "Độ phủ",
    "md.col.year_ago": "Một năm trước",
    "md.col.attainment": "Mức đạt",
    "md.col.latest": "Số liệu mới nhất",
    "md.col.due": "Thời hạn",
    "md.count_to_go": "thiếu {count}",
    "md.count_to_go_noun": "thiếu {count} {noun}",
    "md.target_item": "{indicator}: {target}, chậm nhất ngày {due}",
    "md.col.projected": "Năm dự kiến đạt",
    "md.col.half": "Một nửa số tỉnh đạt vào năm",
    "md.col.reached": "Đã đạt",
    "md.col.on_course": "Dự kiến kịp hạn",
    "md.col.late": "Dự kiến chậm",
    "md.col.no_trend": "Chưa có xu hướng đạt",
    "md.domains.intro": (
        "Số liệu mới nhất của từng chỉ số tính đến ngày {as_of}, kèm kỳ báo cáo; điểm là mức đạt của lĩnh vực (0–100)."
    ),
    "md.domain.targets": "Mục tiêu: {items}.",
    "md.domain.untargeted": (
        "Khung mục tiêu này không đặt mục tiêu cho chỉ số nào trong lĩnh vực: số liệu chỉ để theo dõi, không tính điểm."
    ),
    "md.gaps.intro": (
        "{shown} kết quả còn cách xa mục tiêu nhất, xếp theo mức đạt từ thấp đến cao; tổng cộng có {total} kết quả "
        "chưa đạt mục tiêu."
    ),
    "md.gaps.none": "Không có kết quả nào chưa đạt mục tiêu.",
    "md.proj.intro": "Xu hướng tuyến tính của từng tỉnh kể từ kỳ cơ sở, kéo dài cho đến khi chạm mục tiêu.",
    "md.proj.half": "**{indicator}**: với tốc độ hiện nay, một nửa số tỉnh đạt {target} vào năm {year}, {timing}.",
    "md.proj.half_never": (
        "**{indicator}**: với tốc độ hiện nay, chưa đến một nửa số tỉnh đạt {target} (thời hạn {due})."
    ),
    "md.proj.all_reached": "**{indicator}**: tất cả các tỉnh đã đạt {target}.",
    "md.proj.country": "Theo chuỗi số liệu công bố toàn quốc, mục tiêu sẽ đạt vào năm {year}, {timing}{cite}.",
    "md.proj.country_met": "Số liệu công bố toàn quốc đã đạt mục tiêu{cite}.",
    "md.proj.country_never": "Chuỗi số liệu công bố toàn quốc chưa có xu hướng tiến tới mục tiêu{cite}.",
    "md.timing.late.one": "muộn {years} năm so với thời hạn năm {due}",
    "md.timing.late.other": "muộn {years} năm so với thời hạn năm {due}",
    "md.timing.same": "đúng năm hết hạn {due}",
    "md.timing.early": "sớm hơn thời hạn năm {due}",
    "md.chart.intro": (
        "Điểm tổng hợp theo tỉnh, từ cao xuống thấp: cột là điểm tính đến ngày {as_of}, đường là điểm tính đến "
        "ngày {previous}. Bảng bên dưới có cùng số liệu cho trình xem không hiển thị được biểu đồ."
    ),
    "md.chart.intro_bars": (
        "Điểm tổng hợp theo tỉnh, từ cao xuống thấp, tính đến ngày {as_of}. Bảng bên dưới có cùng số liệu cho "
        "trình xem không hiển thị được biểu đồ."
    ),
    "md.chart.title": "Điểm tổng hợp, {as_of}",
    "md.chart.unscored": "Không có trong biểu đồ (chưa có điểm): {items}.",
    "md.method": (
        "Mức đạt cho biết số liệu mới nhất đã đi được bao xa từ giá trị kém nhất (bằng 0 nếu chỉ số không quy định "
        "khác) tới mục tiêu, trên thang điểm 0–100; đã đạt mục tiêu thì được 100. Mục tiêu áp dụng là mốc đầu tiên "
        "của khung mục tiêu có thời hạn không sớm hơn ngày tính, trừ khi tỉnh có mục tiêu riêng. Tình trạng được "
        "đánh giá theo phương pháp xu hướng hiện tại của Cơ quan Thống kê Liên Hợp Quốc: tốc độ thay đổi hằng năm "
        "kể từ kỳ cơ sở ({baseline}) chia cho tốc độ hằng năm cần có để đạt mục tiêu đúng hạn; tỷ số từ {on_track} "
        "trở lên là đúng tiến độ, từ {fair} là khá, từ {deteriorating} là hạn chế, thấp hơn nữa là đi xuống. Dự "
        "báo kéo dài chính xu hướng tuyến tính đó. Điểm lĩnh vực là trung bình có trọng số của mức đạt các chỉ số, "
        "điểm tổng hợp là trung bình có trọng số của điểm các lĩnh vực; số liệu còn thiếu không bao giờ được tính "
        "bằng 0 mà làm giảm độ phủ, và điểm có độ phủ dưới 50 % được đánh dấu \\*. Số liệu toàn quốc tổng hợp số "
        "liệu mới nhất của từng tỉnh, không cũ quá {max_age} năm: với các tỷ lệ, lấy tổng tử số chia cho tổng mẫu "
        "số, không lấy trung bình các tỷ lệ phần trăm. Mức thay đổi (±) so sánh với cùng điểm số tính đến ngày "
        "{previous}."
    ),
    "md.method.baseline": "số liệu cuối cùng đến hết kỳ {period}, nếu không có thì số liệu đầu tiên",
    "md.method.baseline_first": "số liệu đầu tiên của từng địa phương",
    "md.sources.intro": (
        "Mỗi chú thích đánh số ghi nguồn của các số liệu dẫn chiếu đến nó, kèm ghi chú đi cùng số liệu."
    ),
    "md.fn.reported": "số liệu công bố",
    "md.fn.flagged": "† số liệu minh họa hoặc ước tính",
    "md.fn.target": "mục tiêu",
    "md.fn.framework": "khung mục tiêu",
    "md.h.stages": "Giai đoạn trưởng thành",
    "md.stages.intro": (
        "Các giai đoạn nối tiếp nhau như mô hình HIMSS EMRAM: một tỉnh ở giai đoạn cao nhất mà tiêu chí của giai "
        "đoạn đó và của mọi giai đoạn thấp hơn đều đạt theo số liệu mới nhất tính đến ngày {as_of}."
    ),
    "md.stages.counts": "Số tỉnh, thành phố theo giai đoạn: {counts}.",
    "md.col.blockers": "Còn vướng để lên giai đoạn sau",
    "unit.minutes": "phút",
    "unit.days": "ngày",
    "unit.per-1000": "‰",
    "unit.per-10000": "‱",
    "unit.score": "điểm",
    "unit.pp": "điểm %",
    # Ministry summary as a document (issue 18): executive summary, pictures, notes cited once,
    # spreadsheet-ready CSV.
    "md.h.executive": "Tóm tắt dành cho lãnh đạo",
    "md.exec.score": (
        "Tính đến ngày {as_of}, điểm toàn quốc đạt **{score}**/100 (độ phủ {coverage}), tổng hợp từ số liệu của "
        "các tỉnh, thành phố."
    ),
    "md.exec.no_score": (
        "Tính đến ngày {as_of}, chưa tính được điểm toàn quốc: chưa có chỉ số nào vừa có mục tiêu vừa có số liệu "
        "tổng hợp."
    ),
    "md.exec.low_coverage": (
        "Điểm này dựa trên chưa đến một nửa trọng số mục tiêu (\\*), nên chỉ phản ánh vài chỉ số có số liệu, không "
        "phải toàn bộ y tế số."
    ),
    "md.exec.counts": (
        "Trong {total} chỉ số có mục tiêu quốc gia: đã đạt {met}, đúng tiến độ {on_track}, chậm tiến độ {behind}, "
        "chưa có số liệu nào {unmeasured}."
    ),
    "md.exec.few": "(chỉ {measured} trên {expected} tỉnh, thành phố có số liệu)",
    "md.exec.target": "{target}, hạn {due}",
    "md.exec.good": "{good}/{measured}",
    "md.exec.col.pooled": "Tổng hợp từ các tỉnh (số tỉnh có số liệu)",
    "md.exec.col.reported": "Số liệu công bố toàn quốc",
    "md.exec.col.good": "Số tỉnh đã đạt hoặc đúng tiến độ",
    "md.exec.verdict.met": "Đã đạt trên toàn quốc",
    "md.exec.verdict.on_track": "Đúng tiến độ (ít nhất một nửa số tỉnh có số liệu đã đạt hoặc đúng tiến độ)",
    "md.exec.verdict.behind": "Chậm tiến độ",
    "md.exec.verdict.unmeasured": "Chưa đo được (chưa tỉnh nào có số liệu)",
    "md.exec.deadline": "**Hạn gần nhất:** {indicator}, {target}, hạn {due}.",
    "md.exec.deadline_none": "Mọi tỉnh, thành phố có số liệu đều đã đạt.",
    "md.exec.furthest": "Xa mục tiêu nhất ({shown} trong {short} tỉnh, thành phố chưa đạt): {items}",
    "md.exec.box.title": "Về số liệu.",
    "md.exec.box.sourced": "{reported} trên {total} số liệu tính đến ngày {as_of} là số liệu đã công bố, có nguồn.",
    "md.exec.box.flagged": (
        "{flagged} số liệu còn lại, có dấu †, là số liệu minh họa hoặc ước tính, không được trích dẫn như số liệu "
        "thống kê."
    ),
    "md.exec.box.many": ("{count} trên {total} chỉ số có số liệu của ít nhất {half} trên {expected} tỉnh, thành phố."),
    "md.exec.box.few": "Chưa đến một nửa số tỉnh có số liệu về: {items}.",
    "md.exec.box.none": "Chưa tỉnh nào có số liệu về: {items}.",
    "md.exec.box.empty": "{count} tỉnh, thành phố chưa có số liệu nào: {items}.",
    "md.exec.box.pooled": (
        "Số liệu toàn quốc được tổng hợp từ các tỉnh có số liệu nên chỉ phản ánh các tỉnh đó; số liệu còn thiếu "
        "không bao giờ được tính là 0."
    ),
    "md.h.pictures": "Hình minh họa",
    "md.pic.how": (
        "Các hình dưới đây được ghi thành tệp SVG bên cạnh tài liệu khi lưu ra tệp: `tracker export markdown -o "
        "summary.md` ghi `summary.md` và thư mục `summary-figures/`. Phần mô tả và bảng số liệu của từng hình có "
        "ngay dưới đây."
    ),
    "md.pic.no_data": "không có dữ liệu",
    "md.pic.map.score": "điểm tổng",
    "md.pic.map.attainment": "{indicator} (mức đạt)",
    "md.pic.map.title": "{what} theo tỉnh, thành phố, ngày {as_of}",
    "md.pic.map.marks": "† minh họa hoặc ước tính · * độ phủ thấp",
    "md.pic.map.layout": "Mỗi ô là một tỉnh, đặt gần đúng vị trí địa lý",
    "md.pic.map.alt": (
        "Bản đồ ô của {shown} tỉnh, thành phố, tô màu theo {what}: {counts}; không có dữ liệu: {no_data}."
    ),
    "md.pic.map.table_score": "Điểm của từng tỉnh, thành phố có trong Bảng điểm bên dưới.",
    "md.pic.map.table_indicator": "Số liệu của từng tỉnh, thành phố có trong phần Điểm theo lĩnh vực bên dưới.",
    "md.pic.map.off": "Không có trên bản đồ (chưa có ô): {items}.",
    "md.pic.map.source": "Vị trí các ô dựa theo: {source}.",
    "md.pic.progress.title": "Tiến độ toàn quốc so với từng mục tiêu, ngày {as_of}",
    "md.pic.progress.pooled": "tổng hợp {value} ({reporting}/{expected} tỉnh)",
    "md.pic.progress.reported": "công bố {value}",
    "md.pic.progress.target": "mục tiêu {target}, hạn {due}",
    "md.pic.progress.legend_pooled": "tổng hợp từ các tỉnh",
    "md.pic.progress.legend_reported": "số liệu công bố toàn quốc",
    "md.pic.progress.legend_target": "mục tiêu",
    "md.pic.progress.alt": "Thanh tiến độ toàn quốc của {count} chỉ số so với mục tiêu (0–100 %).",
    "md.pic.progress.table": "Các số liệu này có trong bảng số liệu chính của phần tóm tắt.",
    "md.pic.series.title": "Số liệu toàn quốc theo thời gian, đến ngày {as_of}",
    "md.pic.series.pooled": "Tổng hợp từ các tỉnh",
    "md.pic.series.reported": "Số liệu công bố toàn quốc",
    "md.pic.series.target": "mục tiêu (có đánh dấu hạn)",
    "md.pic.series.panel_target": "mục tiêu {target}, hạn {due}",
    "md.pic.series.alt": "Biểu đồ đường theo thời gian của: {items}; bảng dưới đây ghi mọi điểm số liệu.",
    "md.pic.series.col.when": "Ngày",
    "md.pic.series.col.reporting": "Số tỉnh có số liệu",
    "md.legend.derived": "Σ tổng hợp từ số liệu của các tỉnh cũ (chú thích ghi rõ từng phần)",
    "md.fn.secondary": "nguồn thứ cấp (đăng lại hoặc tổng hợp, không phải bản công bố gốc)",
    "md.fn.common": "dùng cho {count} số liệu, không dẫn chiếu từng ô",
    "md.fn.derived": "Σ {parts}",
    "md.common_intro": "Các nguồn dùng cho nhiều số liệu được dẫn một lần tại đây thay vì ở từng ô:",
    # issue 17, output a user can trust: where the default as-of date comes from
    "footer.asof_source": "ngày tính theo số liệu mới nhất: {indicator}, {region}, {period}",
    "col.name": "Tên",
    "col.list_unit": "Đơn vị",
    "col.list_former": "Hợp nhất từ",
    "col.list_kind": "Loại",
    # issue 17 (trust2), legends: one line per mark or abbreviation a table shows (fmt.LEGEND)
    "legend.dagger": "† số liệu minh họa hoặc ước tính, hoặc kết quả dựa trên số liệu đó",
    "legend.sigma": "Σ gộp từ số liệu của các tỉnh cũ",
    "legend.low": "* độ phủ thấp: dưới một nửa trọng số mục tiêu có số liệu",
    "legend.change": "± ▲▼ thay đổi so với cùng điểm số một năm trước (= không đổi)",
    "legend.baseline": "← số liệu cơ sở, mốc để tính xu hướng",
    "legend.projected": "Năm đạt → năm xu hướng tuyến tính chạm mục tiêu với tốc độ hiện nay",
    "legend.none": "– không có số liệu, mục tiêu hoặc điểm",
    "legend.attainment": "Đạt: mức đạt mục tiêu của số liệu mới nhất (0–100)",
    "legend.coverage": "Phủ: độ phủ, phần trọng số mục tiêu đã có số liệu",
    "legend.stage": "GĐ: giai đoạn trưởng thành",
    "legend.pp": "điểm %: điểm phần trăm",
    "legend.status": "Tình trạng — {items}",
    "legend.status.achieved": "đã đạt: số liệu mới nhất đạt mục tiêu",
    "legend.status.on-track": "đúng tiến độ: đạt từ {on_track} tốc độ cần có để kịp mục tiêu",
    "legend.status.fair": "khá: từ {fair} đến {on_track} tốc độ cần có",
    "legend.status.limited": "hạn chế: từ {deteriorating} đến {fair} tốc độ cần có",
    "legend.status.deteriorating": "đi xuống: dưới {deteriorating} tốc độ cần có, xa dần mục tiêu",
    "legend.status.missed": "trễ hạn: đã quá hạn mà chưa đạt",
    "legend.status.insufficient-data": "chưa đủ dữ liệu: mới có một số liệu, chưa có xu hướng",
    "legend.status.no-data": "không có dữ liệu: chưa có số liệu đến ngày tính",
    "legend.status.no-target": "không có mục tiêu: khung không đặt mục tiêu",
    "legend.colours": "Màu của điểm:",
    "legend.below": "dưới {value}",
    "legend.fresh": "chữ đậm: số liệu trong 12 tháng qua",
    "legend.low_board": "* độ phủ thấp: dưới một nửa trọng số mục tiêu có số liệu; không xếp hạng",
    "legend.derived_below": "Σ gộp từ số liệu của các tỉnh cũ (xem bên dưới)",
    "legend.sources": "Nguồn của các số liệu mới nhất",
    "footer.completeness_asof": "Tính đến {as_of}; 12 tháng qua: sau {since}",
    # issue 17 (trust2), the PR comment in either language (tracker diff --lang)
    "diff.title": "### Thay đổi số liệu so với `{rev}`",
    "diff.line": " (dòng {line})",
    "diff.unreadable": "Không đọc được {path}{where}: không so sánh.",
    "diff.errors": "**{count} lỗi kiểm tra** trong bản đang sửa; chạy `tracker validate`.",
    "diff.warnings": "**{count} cảnh báo** do thay đổi này:",
    "diff.no_observations": "Không có số liệu nào được thêm, sửa hay xóa.",
    "diff.col.province": "tỉnh/thành",
    "diff.col.indicator": "chỉ số",
    "diff.col.period": "kỳ",
    "diff.col.change": "thay đổi",
    "diff.col.old": "cũ",
    "diff.col.new": "mới",
    "diff.col.score": "điểm",
    "diff.col.rank": "hạng",
    "diff.col.domains": "lĩnh vực",
    "diff.col.statuses": "tình trạng",
    "diff.added": "thêm",
    "diff.changed": "sửa",
    "diff.removed": "xóa",
    "diff.former": "(tỉnh cũ {name})",
    "diff.scores_title": "### Thay đổi điểm số ({framework}, tính đến {as_of})",
    "diff.no_scores": "Không có thay đổi điểm số.",
    "diff.national": "Toàn quốc (tổng hợp): điểm {score}",
    "diff.flagged": "dựa trên số liệu minh họa hoặc ước tính, không phải số liệu thống kê công bố.",
    # issue 17 (trust2), validation errors in plain words (load._PLAIN: pydantic's error types)
    "plain.number": "cần một số, nhận được {got}",
    "plain.whole": "cần một số nguyên, nhận được {got}",
    "plain.text": "cần văn bản, nhận được {got}",
    "plain.bool": "cần true hoặc false, nhận được {got}",
    "plain.mapping": "cần các khóa kèm giá trị, nhận được {got}",
    "plain.list": "cần một danh sách, nhận được {got}",
    "plain.date": "cần một ngày (YYYY-MM-DD), nhận được {got}",
    "plain.finite": "cần một số hữu hạn, nhận được {got}",
    "plain.not_negative": "không được âm, nhận được {got}",
    "plain.at_least": "phải từ {bound} trở lên, nhận được {got}",
    "plain.more_than": "phải lớn hơn {bound}, nhận được {got}",
    "plain.at_most": "phải từ {bound} trở xuống, nhận được {got}",
    "plain.less_than": "phải nhỏ hơn {bound}, nhận được {got}",
    "plain.not_empty": "không được để trống",
    "plain.not_empty_list": "phải có ít nhất {bound} mục",
    "plain.one_of": "phải là một trong {expected}, nhận được {got}",
    "plain.missing": "thiếu khóa bắt buộc '{name}'{where}",
    "plain.in": " trong {parent}",
    "plain.unknown_key": "khóa không hợp lệ '{name}'",
    "plain.unknown_key_space": "khóa không hợp lệ '{name}': nếu khóa là '{first}', thêm ':' ngay sau nó",
}
