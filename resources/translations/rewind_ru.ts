<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>QFileDialog</name>
    <message>
        <source>Folder</source>
        <translation>Папка</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>Файл %1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>day</source>
        <translation>день</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 дн.</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>час</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 ч</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>минуту</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>second</source>
        <translation>секунду</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 дн. %2 ч</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 дн.</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <source>under a minute</source>
        <translation>меньше минуты</translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation>около %1 мин</translation>
    </message>
    <message>
        <source>about %1 h</source>
        <translation>около %1 ч</translation>
    </message>
    <message>
        <source>about %1 days</source>
        <translation>около %1 дн.</translation>
    </message>
    <message>
        <source>no lag history yet</source>
        <translation>истории отставания пока нет</translation>
    </message>
    <message>
        <source>caught up</source>
        <translation>догнала</translation>
    </message>
    <message>
        <source>not enough history for a rate yet</source>
        <translation>истории пока мало, чтобы оценить скорость</translation>
    </message>
    <message>
        <source>catching up at %1 records/s; %2 to go at this rate</source>
        <translation>догоняет со скоростью %1 записей/с; при такой скорости осталось %2</translation>
    </message>
    <message>
        <source>falling behind by %1 records/min; it will not catch up at this rate</source>
        <translation>отстаёт на %1 записей/мин; при такой скорости не догонит</translation>
    </message>
    <message>
        <source>lag is steady: not catching up</source>
        <translation>отставание не меняется: не догоняет</translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n broker(s), </source>
        <translation>
            <numerusform>Подключено: %n брокер, </numerusform>
            <numerusform>Подключено: %n брокера, </numerusform>
            <numerusform>Подключено: %n брокеров, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s)</source>
        <translation>
            <numerusform>%n топик</numerusform>
            <numerusform>%n топика</numerusform>
            <numerusform>%n топиков</numerusform>
        </translation>
    </message>
    <message>
        <source> · read-only profile</source>
        <translation> · профиль только для чтения</translation>
    </message>
    <message>
        <source>job %1: %2 records to write to %3</source>
        <translation>задание %1: записей к записи — %2, куда: %3</translation>
    </message>
    <message>
        <source>  partition %1: offsets %2 to %3, %4 records%5</source>
        <translation>  партиция %1: смещения с %2 по %3, записей: %4%5</translation>
    </message>
    <message>
        <source>, %1 to %2</source>
        <translation>, с %1 по %2</translation>
    </message>
    <message>
        <source>  first: %1-%2@%3</source>
        <translation>  первая: %1-%2@%3</translation>
    </message>
    <message>
        <source>  last:  %1-%2@%3</source>
        <translation>  последняя: %1-%2@%3</translation>
    </message>
    <message>
        <source>  pacing: as fast as the target takes them</source>
        <translation>  темп: так быстро, как принимает цель</translation>
    </message>
    <message>
        <source>  pacing: about %1 s</source>
        <translation>  темп: около %1 с</translation>
    </message>
    <message>
        <source>  the target already holds %1 records of this job: resume continues after them</source>
        <translation>  в цели уже есть записи этого задания (%1): продолжение начнётся после них</translation>
    </message>
    <message>
        <source>  WARNING: the field %1 is in no record of this range, so removing or masking it changes nothing. If it is a typo, the field you meant is written in clear.</source>
        <translation>  ВНИМАНИЕ: поля %1 нет ни в одной записи этого диапазона, поэтому удаление или маскирование ничего не изменит. Если это опечатка, нужное поле будет записано открытым текстом.</translation>
    </message>
    <message>
        <source>, retention.ms=-1 so records with their original timestamps are not deleted as too old</source>
        <translation>, retention.ms=-1, чтобы записи с исходными метками времени не удалялись как слишком старые</translation>
    </message>
    <message>
        <source>1 partition</source>
        <translation>1 партиция</translation>
    </message>
    <message>
        <source>%1 partitions</source>
        <translation>партиций: %1</translation>
    </message>
    <message>
        <source> (creates it, %1%2)</source>
        <translation> (будет создан, %1%2)</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>the lag jumped (an offset reset?): not enough history since for a rate</source>
        <translation>отставание скачком изменилось (сброс смещений?): с тех пор слишком мало замеров, чтобы оценить скорость</translation>
    </message>
</context>
<context>
    <name>SchemaHistory</name>
    <message>
        <source>From here on the values are not in the Schema Registry wire format (plain JSON or text, or another producer).</source>
        <translation>Дальше значения не в формате Schema Registry (простой JSON или текст либо другой производитель).</translation>
    </message>
    <message>
        <source>Schema id %1 cannot be read: %2</source>
        <translation>Схему с id %1 не удалось прочитать: %2</translation>
    </message>
    <message>
        <source>Values were not schema-encoded before; from here on:

</source>
        <translation>До этого места значения были без схемы; дальше:

</translation>
    </message>
    <message>
        <source>The two schemas read the same (registered twice, or only their formatting differs).</source>
        <translation>Обе схемы читаются одинаково (зарегистрирована дважды или отличается только оформление).</translation>
    </message>
</context>
<context>
    <name>rw::Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>rw::BrokerWatch</name>
    <message>
        <source>no longer listed by the cluster (stopped, or cut off from its controller)</source>
        <translation>кластер его больше не перечисляет (остановлен или отрезан от контроллера)</translation>
    </message>
    <message>
        <source>No broker of the cluster answers since %1</source>
        <translation>Ни один брокер кластера не отвечает с %1</translation>
    </message>
    <message>
        <source>Broker %1 (%2) unreachable since %3</source>
        <translation>Брокер %1 (%2) недоступен с %3</translation>
    </message>
</context>
<context>
    <name>rw::CaseBook</name>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>found</source>
        <translation>есть</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Топик</translation>
    </message>
    <message>
        <source>Part.</source>
        <translation>Парт.</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Смещение</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>Cases: %1</source>
        <translation>Дела: %1</translation>
    </message>
    <message>
        <source>The case could not be opened: %1</source>
        <translation>Дело не удалось открыть: %1</translation>
    </message>
    <message>
        <source>The case&apos;s pins could not be looked up: %1</source>
        <translation>Не удалось проверить закреплённые записи дела: %1</translation>
    </message>
    <message>
        <source>There is a case named &apos;%1&apos; already.</source>
        <translation>Дело с именем «%1» уже есть.</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>Дело %1</translation>
    </message>
    <message>
        <source>The case could not be renamed: %1</source>
        <translation>Дело не удалось переименовать: %1</translation>
    </message>
    <message>
        <source>The case could not be deleted: %1</source>
        <translation>Дело не удалось удалить: %1</translation>
    </message>
    <message>
        <source>The case could not be saved: %1</source>
        <translation>Дело не удалось сохранить: %1</translation>
    </message>
    <message>
        <source>The cases of this source are still being read: make the case again in a moment.</source>
        <translation>Дела этого источника ещё читаются: создайте дело ещё раз через мгновение.</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Удаление</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <source>when compacted</source>
        <translation>при сжатии</translation>
    </message>
    <message>
        <source>gone</source>
        <translation>удалена</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>уже сейчас</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>через %1</translation>
    </message>
    <message>
        <source>kept; gone from the source</source>
        <translation>сохранена; в источнике удалена</translation>
    </message>
    <message>
        <source>kept; %1</source>
        <translation>сохранена; %1</translation>
    </message>
    <message>
        <source>From %1: %2</source>
        <translation>С %1: %2</translation>
    </message>
    <message>
        <source>Kept in the case workspace at %1.</source>
        <translation>Сохранена в рабочем пространстве дела в %1.</translation>
    </message>
    <message>
        <source>When retention deletes the case&apos;s records could not be worked out: %1</source>
        <translation>Не удалось вычислить, когда хранение удалит записи дела: %1</translation>
    </message>
    <message>
        <source>The evidence is not kept apart: %1</source>
        <translation>Доказательства не сохраняются отдельно: %1</translation>
    </message>
    <message>
        <source>The evidence could not be kept: %1</source>
        <translation>Не удалось сохранить доказательства: %1</translation>
    </message>
</context>
<context>
    <name>rw::CasePage</name>
    <message>
        <source>New…</source>
        <translation>Новое…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Переименовать…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Поделиться</translation>
    </message>
    <message>
        <source>Report (HTML)…</source>
        <translation>Отчёт (HTML)…</translation>
    </message>
    <message>
        <source>Report (PDF)…</source>
        <translation>Отчёт (PDF)…</translation>
    </message>
    <message>
        <source>Case bundle: a workspace with the pinned records…</source>
        <translation>Пакет дела: рабочая область с закреплёнными записями…</translation>
    </message>
    <message>
        <source>Export the pinned records…</source>
        <translation>Экспортировать закреплённые записи…</translation>
    </message>
    <message>
        <source>Case:</source>
        <translation>Дело:</translation>
    </message>
    <message>
        <source>Summary: what happened, what was found, what is still open …</source>
        <translation>Итог: что случилось, что найдено, что ещё не ясно …</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Открепить</translation>
    </message>
    <message>
        <source>Show in Records</source>
        <translation>Показать в записях</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Изменить заметку</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>Pin the view&apos;s time range</source>
        <translation>Закрепить интервал времени</translation>
    </message>
    <message>
        <source>The time range the timeline selected (or its zoom), with a note (Ctrl+Shift+B)</source>
        <translation>Интервал, выделенный на шкале времени (или её масштаб), с заметкой (Ctrl+Shift+B)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Save the view…</source>
        <translation>Сохранить вид…</translation>
    </message>
    <message>
        <source>Topic, partition, filter and zoom, to come back to</source>
        <translation>Топик, партиция, фильтр и масштаб — чтобы к ним вернуться</translation>
    </message>
    <message>
        <source>Pinned time ranges</source>
        <translation>Закреплённые интервалы</translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation>Сохранённые виды</translation>
    </message>
    <message>
        <source>Pinned records (Ctrl+B in Records, Trace or the inspector pins; double-click the note to edit it)</source>
        <translation>Закреплённые записи (Ctrl+B в записях, трассировке или инспекторе закрепляет; двойной щелчок по заметке — изменить её)</translation>
    </message>
    <message>
        <source>No cases yet: pin a record (Ctrl+B) or make one</source>
        <translation>Дел пока нет: Ctrl+B закрепит запись, или «Новое…»</translation>
    </message>
    <message>
        <source>Choose a case</source>
        <translation>Выберите дело</translation>
    </message>
    <message>
        <source>%1 · filter: %2</source>
        <translation>%1 · фильтр: %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>No case open. Pin a record with Ctrl+B (in Records, Trace or the inspector) and a case begins; cases are kept in %1.</source>
        <translation>Дело не открыто. Закрепите запись клавишами Ctrl+B (в записях, трассировке или инспекторе) — и начнётся дело; дела хранятся в %1.</translation>
    </message>
    <message>
        <source>No case open: choose one above or in the sources panel.</source>
        <translation>Дело не открыто: выберите его выше или на панели источников.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pinned record(s)</source>
        <translation>
            <numerusform>%Ln закреплённая запись</numerusform>
            <numerusform>%Ln закреплённые записи</numerusform>
            <numerusform>%Ln закреплённых записей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln time range(s) · %1</source>
        <translation>
            <numerusform> · %Ln интервал · %1</numerusform>
            <numerusform> · %Ln интервала · %1</numerusform>
            <numerusform> · %Ln интервалов · %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln saved view(s)</source>
        <translation>
            <numerusform>%Ln сохранённый вид</numerusform>
            <numerusform>%Ln сохранённых вида</numerusform>
            <numerusform>%Ln сохранённых видов</numerusform>
        </translation>
    </message>
    <message>
        <source> · opened in %1 ms</source>
        <translation> · открыто за %1 мс</translation>
    </message>
    <message>
        <source> · kept in %1</source>
        <translation> · хранится в %1</translation>
    </message>
    <message>
        <source>Rename case</source>
        <translation>Переименовать дело</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Новое имя:</translation>
    </message>
    <message>
        <source>Delete case</source>
        <translation>Удалить дело</translation>
    </message>
    <message numerus="yes">
        <source>Delete the case &apos;%1&apos; with its %Ln pin(s)? The records themselves stay.</source>
        <translation>
            <numerusform>Удалить дело «%1» с %Ln закреплённой записью? Сами записи останутся.</numerusform>
            <numerusform>Удалить дело «%1» с %Ln закреплёнными записями? Сами записи останутся.</numerusform>
            <numerusform>Удалить дело «%1» с %Ln закреплёнными записями? Сами записи останутся.</numerusform>
        </translation>
    </message>
    <message>
        <source> · %1 missing (hover the status for why)</source>
        <translation> · нет на месте: %1 (причина — в подсказке статуса)</translation>
    </message>
    <message>
        <source>The trace the report shows: a key (o-1237) or field=value</source>
        <translation>Трасса для отчёта: ключ (o-1237) или поле=значение</translation>
    </message>
    <message>
        <source>A trace run while the case is open is kept here, with its rules. Type a key, or a field and value like order_id=o-1237.</source>
        <translation>Трасса, запущенная при открытом деле, сохраняется здесь вместе с её правилами. Введите ключ или поле и значение, например order_id=o-1237.</translation>
    </message>
    <message numerus="yes">
        <source>Case %1: %Ln pinned record(s) missing (the Case tab says why); the rest of the case is there.</source>
        <translation>
            <numerusform>Дело %1: %Ln закреплённой записи нет на месте (причина — на вкладке «Дело»); остальное дело на месте.</numerusform>
            <numerusform>Дело %1: %Ln закреплённых записей нет на месте (причина — на вкладке «Дело»); остальное дело на месте.</numerusform>
            <numerusform>Дело %1: %Ln закреплённых записей нет на месте (причина — на вкладке «Дело»); остальное дело на месте.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to pin: select a record in the table first.</source>
        <translation>Нечего закреплять: сначала выберите запись в таблице.</translation>
    </message>
    <message numerus="yes">
        <source>Pinned %Ln record(s) to “%1” (Case tab)</source>
        <translation>
            <numerusform>%Ln запись закреплена в «%1» (вкладка «Дело»)</numerusform>
            <numerusform>%Ln записи закреплены в «%1» (вкладка «Дело»)</numerusform>
            <numerusform>%Ln записей закреплено в «%1» (вкладка «Дело»)</numerusform>
        </translation>
    </message>
    <message>
        <source> · %1 already pinned</source>
        <translation> · уже закреплено: %1</translation>
    </message>
    <message>
        <source>Pinned %1-%2@%3 to “%4” (Case tab)</source>
        <translation>%1-%2@%3 закреплена в «%4» (вкладка «Дело»)</translation>
    </message>
    <message>
        <source>%1-%2@%3 is pinned already</source>
        <translation>%1-%2@%3 уже закреплена</translation>
    </message>
    <message>
        <source>No time range to pin: drag across the timeline first.</source>
        <translation>Нет интервала для закрепления: сначала протяните по шкале времени.</translation>
    </message>
    <message>
        <source>Pinned %1 – %2 to “%3”</source>
        <translation>Интервал %1 – %2 закреплён в «%3»</translation>
    </message>
    <message>
        <source>Saved the view “%1” in “%2”</source>
        <translation>Вид «%1» сохранён в «%2»</translation>
    </message>
    <message numerus="yes">
        <source>The case “%1” keeps this trace (%Ln record(s)) for its report.</source>
        <translation>
            <numerusform>Дело «%1» сохранило эту трассу (%Ln запись) для отчёта.</numerusform>
            <numerusform>Дело «%1» сохранило эту трассу (%Ln записи) для отчёта.</numerusform>
            <numerusform>Дело «%1» сохранило эту трассу (%Ln записей) для отчёта.</numerusform>
        </translation>
    </message>
    <message>
        <source>No case is open: pin records first (Ctrl+B).</source>
        <translation>Дело не открыто: сначала закрепите записи (Ctrl+B).</translation>
    </message>
    <message>
        <source>Report as PDF</source>
        <translation>Отчёт в PDF</translation>
    </message>
    <message>
        <source>Report as HTML</source>
        <translation>Отчёт в HTML</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>Writing the report of %1 …</source>
        <translation>Пишется отчёт по %1 …</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>Новое дело</translation>
    </message>
    <message>
        <source>Name (e.g. the incident or ticket):</source>
        <translation>Имя (например, инцидент или заявка):</translation>
    </message>
    <message>
        <source>Pin time range</source>
        <translation>Закрепить интервал</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Заметка:</translation>
    </message>
    <message>
        <source>Save the view</source>
        <translation>Сохранить вид</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Удаление</translation>
    </message>
    <message>
        <source>Keep the evidence</source>
        <translation>Сохранить доказательства</translation>
    </message>
    <message>
        <source>Copies the pinned records and every record of the pinned time ranges (in the case&apos;s topics), with their schemas, into the case workspace, so the case opens without the cluster and after retention deleted them there.</source>
        <translation>Копирует закреплённые записи и все записи закреплённых интервалов (в топиках дела) вместе со схемами в рабочее пространство дела: дело откроется без кластера и после того, как хранение удалит их там.</translation>
    </message>
    <message>
        <source>Keeping the evidence was cancelled; what was kept before stays.</source>
        <translation>Сохранение доказательств отменено; сохранённое ранее остаётся.</translation>
    </message>
    <message>
        <source>Open the kept evidence</source>
        <translation>Открыть сохранённое</translation>
    </message>
    <message>
        <source>Opens the case workspace as the window&apos;s source: the case and its kept records, without the cluster.</source>
        <translation>Открывает рабочее пространство дела как источник окна: дело и его сохранённые записи, без кластера.</translation>
    </message>
    <message>
        <source>Keeping the evidence: %1 records read…</source>
        <translation>Сохранение доказательств: прочитано записей: %1…</translation>
    </message>
    <message numerus="yes">
        <source>Kept %Ln pinned record(s)</source>
        <translation>
            <numerusform>Сохранена %Ln закреплённая запись</numerusform>
            <numerusform>Сохранены %Ln закреплённые записи</numerusform>
            <numerusform>Сохранено %Ln закреплённых записей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %Ln time range(s)</source>
        <translation>
            <numerusform> и %Ln интервал</numerusform>
            <numerusform> и %Ln интервала</numerusform>
            <numerusform> и %Ln интервалов</numerusform>
        </translation>
    </message>
    <message>
        <source>: %1 records in %2</source>
        <translation>: записей: %1, в %2</translation>
    </message>
    <message numerus="yes">
        <source> · gone already: %Ln pinned record(s)</source>
        <translation>
            <numerusform> · уже удалена %Ln закреплённая запись</numerusform>
            <numerusform> · уже удалены %Ln закреплённые записи</numerusform>
            <numerusform> · уже удалено %Ln закреплённых записей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln schema(s)</source>
        <translation>
            <numerusform> · %Ln схема</numerusform>
            <numerusform> · %Ln схемы</numerusform>
            <numerusform> · %Ln схем</numerusform>
        </translation>
    </message>
    <message>
        <source> · problems: %1</source>
        <translation> · проблемы: %1</translation>
    </message>
    <message>
        <source>From %1: %2</source>
        <translation>С %1: %2</translation>
    </message>
    <message>
        <source>Cancel keeping</source>
        <translation>Отменить сохранение</translation>
    </message>
    <message>
        <source>Keeping the evidence</source>
        <translation>Сохранение доказательств</translation>
    </message>
    <message>
        <source>Keeping the evidence: reading the pinned records and ranges…</source>
        <translation>Сохранение доказательств: чтение закреплённых записей и интервалов…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pin(s) will be deleted within 24 h</source>
        <translation>
            <numerusform>%Ln закреплённая запись будет удалена в ближайшие 24 ч</numerusform>
            <numerusform>%Ln закреплённые записи будут удалены в ближайшие 24 ч</numerusform>
            <numerusform>%Ln закреплённых записей будут удалены в ближайшие 24 ч</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln time range(s) will be deleted within 24 h</source>
        <translation>
            <numerusform>%Ln интервал будет удалён в ближайшие 24 ч</numerusform>
            <numerusform>%Ln интервала будут удалены в ближайшие 24 ч</numerusform>
            <numerusform>%Ln интервалов будут удалены в ближайшие 24 ч</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, and %Ln time range(s)</source>
        <translation>
            <numerusform>, и %Ln интервал</numerusform>
            <numerusform>, и %Ln интервала</numerusform>
            <numerusform>, и %Ln интервалов</numerusform>
        </translation>
    </message>
    <message>
        <source> (the first is due now)</source>
        <translation> (первая — уже сейчас)</translation>
    </message>
    <message>
        <source> (the first in %1)</source>
        <translation> (первая — через %1)</translation>
    </message>
    <message>
        <source> by the cluster&apos;s retention</source>
        <translation> по правилам хранения кластера</translation>
    </message>
    <message>
        <source>Retention deletes nothing pinned within 24 h (the first in %1)</source>
        <translation>Хранение не удалит ничего закреплённого в ближайшие 24 ч (первое — через %1)</translation>
    </message>
    <message>
        <source>Retention deletes nothing pinned</source>
        <translation>Хранение не удалит ничего закреплённого</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pinned record(s) gone already</source>
        <translation>
            <numerusform>%Ln закреплённая запись уже удалена</numerusform>
            <numerusform>%Ln закреплённые записи уже удалены</numerusform>
            <numerusform>%Ln закреплённых записей уже удалены</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept in the case workspace %1: %Ln pinned record(s)</source>
        <translation>
            <numerusform>Сохранено в рабочем пространстве дела %1: %Ln закреплённая запись</numerusform>
            <numerusform>Сохранено в рабочем пространстве дела %1: %Ln закреплённые записи</numerusform>
            <numerusform>Сохранено в рабочем пространстве дела %1: %Ln закреплённых записей</numerusform>
        </translation>
    </message>
    <message>
        <source> (%1 records)</source>
        <translation> (записей: %1)</translation>
    </message>
    <message numerus="yes">
        <source>; %Ln of them go from the cluster within 24 h</source>
        <translation>
            <numerusform>; из них %Ln удалится из кластера в ближайшие 24 ч</numerusform>
            <numerusform>; из них %Ln удалятся из кластера в ближайшие 24 ч</numerusform>
            <numerusform>; из них %Ln удалятся из кластера в ближайшие 24 ч</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::CaseReport</name>
    <message>
        <source>header %1</source>
        <translation>заголовок %1</translation>
    </message>
    <message>
        <source>The timeline: %1</source>
        <translation>Шкала времени: %1</translation>
    </message>
    <message>
        <source>The trace of %1: %2</source>
        <translation>Трасса %1: %2</translation>
    </message>
    <message>
        <source>Consumer groups: %1</source>
        <translation>Группы потребителей: %1</translation>
    </message>
    <message>
        <source>Group %1: %2</source>
        <translation>Группа %1: %2</translation>
    </message>
    <message>
        <source>(binary, %1 bytes) base64:</source>
        <translation>(двоичные данные, %1 байт) base64:</translation>
    </message>
    <message>
        <source>… (%1 characters more)</source>
        <translation>… (ещё %1 символов)</translation>
    </message>
    <message>
        <source>Source: %1 · report made %2 by Rewind</source>
        <translation>Источник: %1 · отчёт составлен %2 в Rewind</translation>
    </message>
    <message>
        <source> · covers %1 to %2</source>
        <translation> · охватывает период с %1 по %2</translation>
    </message>
    <message>
        <source>Personal data hidden (***): %1</source>
        <translation>Персональные данные скрыты (***): %1</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <source>No summary written.</source>
        <translation>Сводка не написана.</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Шкала времени</translation>
    </message>
    <message>
        <source>Records over time, with the pinned ranges</source>
        <translation>Записи во времени, с закреплёнными интервалами</translation>
    </message>
    <message>
        <source>Records over time in %1, with the pinned ranges</source>
        <translation>Записи во времени в %1, с закреплёнными интервалами</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>No pinned time ranges.</source>
        <translation>Нет закреплённых интервалов времени.</translation>
    </message>
    <message>
        <source>Pinned records (%1, %2 missing)</source>
        <translation>Закреплённые записи (%1, нет на месте: %2)</translation>
    </message>
    <message>
        <source>Pinned records (%1)</source>
        <translation>Закреплённые записи (%1)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>missing:</source>
        <translation>нет на месте:</translation>
    </message>
    <message>
        <source>No pinned records.</source>
        <translation>Нет закреплённых записей.</translation>
    </message>
    <message>
        <source>Trace of %1</source>
        <translation>Трасса %1</translation>
    </message>
    <message>
        <source>When the case kept this trace it had %1 records; it has %2 now (records were written or removed since).</source>
        <translation>Когда дело сохранило эту трассу, в ней было записей: %1; сейчас: %2 (с тех пор записи добавились или были удалены).</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
    <message>
        <source> (+%1 redelivered)</source>
        <translation> (+%1 доставлено повторно)</translation>
    </message>
    <message>
        <source>Consumer group lag</source>
        <translation>Отставание групп потребителей</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Lag now</source>
        <translation>Отставание сейчас</translation>
    </message>
    <message>
        <source>At the span&apos;s last sample</source>
        <translation>На конец периода</translation>
    </message>
    <message>
        <source>Samples in the span</source>
        <translation>Замеров</translation>
    </message>
    <message>
        <source>Highest</source>
        <translation>Макс.</translation>
    </message>
    <message>
        <source>Lowest</source>
        <translation>Мин.</translation>
    </message>
    <message>
        <source>never committed (%1 records from the earliest)</source>
        <translation>ни разу не фиксировала смещение (%1 записей от самой ранней)</translation>
    </message>
    <message>
        <source>No consumer groups.</source>
        <translation>Нет групп потребителей.</translation>
    </message>
    <message>
        <source>Lag of %1 over time, with the pinned ranges</source>
        <translation>Отставание %1 во времени, с закреплёнными интервалами</translation>
    </message>
    <message>
        <source>Not in this report</source>
        <translation>Не вошло в отчёт</translation>
    </message>
</context>
<context>
    <name>rw::CaseReportWriter</name>
    <message>
        <source>The report was not written: %1</source>
        <translation>Отчёт не записан: %1</translation>
    </message>
    <message>
        <source>Report of %1 written to %2</source>
        <translation>Отчёт по %1 записан в %2</translation>
    </message>
    <message numerus="yes">
        <source> · %Ln pinned record(s) missing, said so in the report</source>
        <translation>
            <numerusform> · %Ln закреплённой записи нет на месте, отчёт говорит об этом</numerusform>
            <numerusform> · %Ln закреплённых записей нет на месте, отчёт говорит об этом</numerusform>
            <numerusform> · %Ln закреплённых записей нет на месте, отчёт говорит об этом</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing was written to %1</source>
        <translation>в %1 ничего не записано</translation>
    </message>
</context>
<context>
    <name>rw::ClusterPage</name>
    <message>
        <source>Broker</source>
        <translation>Брокер</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Порт</translation>
    </message>
    <message>
        <source>Rack</source>
        <translation>Стойка</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>Доступен</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Топик</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Партиция</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <source>Replication</source>
        <translation>Репликация</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Параметр</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Set where</source>
        <translation>Где задан</translation>
    </message>
    <message>
        <source>Open a Kafka cluster to see its brokers.</source>
        <translation>Откройте кластер Kafka, чтобы увидеть его брокеры.</translation>
    </message>
    <message>
        <source>Double-click a partition to show it in the topic tree</source>
        <translation>Двойной щелчок покажет партицию в дереве топиков</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Ask every broker again, and read the topic&apos;s settings again</source>
        <translation>Снова опросить все брокеры и перечитать параметры топика</translation>
    </message>
    <message>
        <source>%1 is not a Kafka cluster: it has no brokers, replicas or topic settings.</source>
        <translation>%1 — не кластер Kafka: у него нет брокеров, реплик и параметров топиков.</translation>
    </message>
    <message numerus="yes">
        <source>Replication: all %Ln partition(s) have a leader and every replica in sync.</source>
        <translation>
            <numerusform>Репликация: у %Ln партиции есть лидер, все реплики синхронны.</numerusform>
            <numerusform>Репликация: у всех %Ln партиций есть лидер, все реплики синхронны.</numerusform>
            <numerusform>Репликация: у всех %Ln партиций есть лидер, все реплики синхронны.</numerusform>
        </translation>
    </message>
    <message>
        <source>Partitions with a replication problem: %1 of %2, the first %3 listed</source>
        <translation>Партиции с проблемой репликации: %1 из %2, показаны первые %3</translation>
    </message>
    <message>
        <source>Partitions with a replication problem: %1 of %2</source>
        <translation>Партиции с проблемой репликации: %1 из %2</translation>
    </message>
    <message numerus="yes">
        <source>Asking %Ln broker(s) …</source>
        <translation>
            <numerusform>Опрос %Ln брокера …</numerusform>
            <numerusform>Опрос %Ln брокеров …</numerusform>
            <numerusform>Опрос %Ln брокеров …</numerusform>
        </translation>
    </message>
    <message>
        <source>✖ Could not describe the cluster: %1</source>
        <translation>✖ Не удалось описать кластер: %1</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>controller</source>
        <translation>контроллер</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no: %1</source>
        <translation>нет: %1</translation>
    </message>
    <message numerus="yes">
        <source>Cluster %1 · %Ln broker(s)</source>
        <translation>
            <numerusform>Кластер %1 · %Ln брокер</numerusform>
            <numerusform>Кластер %1 · %Ln брокера</numerusform>
            <numerusform>Кластер %1 · %Ln брокеров</numerusform>
        </translation>
    </message>
    <message>
        <source>(no id)</source>
        <translation>(без id)</translation>
    </message>
    <message>
        <source>controller %1</source>
        <translation>контроллер %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln not answering</source>
        <translation>
            <numerusform>%Ln не отвечает</numerusform>
            <numerusform>%Ln не отвечают</numerusform>
            <numerusform>%Ln не отвечают</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a topic in the tree to see its settings.</source>
        <translation>Выберите топик в дереве, чтобы увидеть его параметры.</translation>
    </message>
    <message>
        <source>Settings of %1 · loading …</source>
        <translation>Параметры %1 · загрузка …</translation>
    </message>
    <message>
        <source>Settings of %1: %2</source>
        <translation>Параметры %1: %2</translation>
    </message>
    <message>
        <source>this topic</source>
        <translation>этот топик</translation>
    </message>
    <message>
        <source>cluster default</source>
        <translation>значение кластера по умолчанию</translation>
    </message>
    <message numerus="yes">
        <source>Settings of %1 · %Ln set on the topic (bold), the rest the cluster&apos;s defaults</source>
        <translation>
            <numerusform>Параметры %1 · %Ln задан в топике (жирным), остальные — значения кластера</numerusform>
            <numerusform>Параметры %1 · %Ln задано в топике (жирным), остальные — значения кластера</numerusform>
            <numerusform>Параметры %1 · %Ln задано в топике (жирным), остальные — значения кластера</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (no limit)</source>
        <translation>%1 (без ограничения)</translation>
    </message>
</context>
<context>
    <name>rw::ExportController</name>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Stop the export: nothing of it is kept</source>
        <translation>Остановить экспорт: ничего из него не останется</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>записей: %1</translation>
    </message>
    <message>
        <source>Exporting …</source>
        <translation>Экспорт …</translation>
    </message>
    <message>
        <source>Exporting to %1 …</source>
        <translation>Экспорт в %1 …</translation>
    </message>
    <message>
        <source>Export stopped: %1</source>
        <translation>Экспорт остановлен: %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Экспорт не удался: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln record(s) to %1</source>
        <translation>
            <numerusform>%Ln запись экспортирована в %1</numerusform>
            <numerusform>%Ln записи экспортированы в %1</numerusform>
            <numerusform>%Ln записей экспортировано в %1</numerusform>
        </translation>
    </message>
    <message>
        <source> · %1 no longer in the source</source>
        <translation> · больше нет в источнике: %1</translation>
    </message>
    <message>
        <source> · masked: %1</source>
        <translation> · замаскировано: %1</translation>
    </message>
    <message numerus="yes">
        <source> · %Ln schema(s)</source>
        <translation>
            <numerusform> · %Ln схема</numerusform>
            <numerusform> · %Ln схемы</numerusform>
            <numerusform> · %Ln схем</numerusform>
        </translation>
    </message>
    <message>
        <source>Export complete. None of the exported records holds %1, so nothing there needed masking.</source>
        <translation>Экспорт завершён. Ни одна из выгруженных записей не содержит %1, поэтому маскировать там было нечего.</translation>
    </message>
</context>
<context>
    <name>rw::ExportDialog</name>
    <message>
        <source>CSV columns:</source>
        <translation>Столбцы CSV:</translation>
    </message>
    <message>
        <source>Export records</source>
        <translation>Экспорт записей</translation>
    </message>
    <message>
        <source>NDJSON: one envelope a line (re-imports byte for byte)</source>
        <translation>NDJSON: один конверт в строке (импортируется обратно байт в байт)</translation>
    </message>
    <message>
        <source>CSV with the columns below (for spreadsheets)</source>
        <translation>CSV со столбцами ниже (для электронных таблиц)</translation>
    </message>
    <message>
        <source>Workspace bundle: the records at their offsets, the case and the schemas they need, for a colleague to open</source>
        <translation>Пакет рабочей области: записи на своих смещениях, дело и нужные им схемы — чтобы коллега открыл</translation>
    </message>
    <message>
        <source>More columns: value.customer.id, header.trace_id</source>
        <translation>Ещё столбцы: value.customer.id, header.trace_id</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>header %1</source>
        <translation>заголовок %1</translation>
    </message>
    <message>
        <source>No masking policy: every value is exported as it is</source>
        <translation>Политики маскирования нет: значения экспортируются как есть</translation>
    </message>
    <message>
        <source>Hide personal data: %1</source>
        <translation>Скрыть персональные данные: %1</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Формат:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>NDJSON (*.ndjson *.jsonl)</source>
        <translation>NDJSON (*.ndjson *.jsonl)</translation>
    </message>
    <message>
        <source>Rewind workspace (*.rewind)</source>
        <translation>Рабочая область Rewind (*.rewind)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Экспортировать в</translation>
    </message>
</context>
<context>
    <name>rw::FilterBar</name>
    <message>
        <source>All topics</source>
        <translation>Все топики</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F): value.status == &quot;failed&quot; · key == &quot;o-123&quot; · timestamp &gt; now - duration(&quot;2h&quot;) · text(&quot;refund&quot;)</source>
        <translation>Фильтр (Ctrl+F): value.status == &quot;failed&quot; · key == &quot;o-123&quot; · timestamp &gt; now - duration(&quot;2h&quot;) · text(&quot;refund&quot;)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Stop the search (what was found stays)</source>
        <translation>Остановить поиск (найденное останется)</translation>
    </message>
    <message>
        <source>Search every topic instead of the selected topic or partition</source>
        <translation>Искать во всех топиках, а не только в выбранном топике или партиции</translation>
    </message>
    <message>
        <source>Enter to search</source>
        <translation>Enter — искать</translation>
    </message>
    <message>
        <source>Searching %1 …</source>
        <translation>Поиск: %1 …</translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln совпадение</numerusform>
            <numerusform>%Ln совпадения</numerusform>
            <numerusform>%Ln совпадений</numerusform>
        </translation>
    </message>
    <message>
        <source> · %1 of %2 read</source>
        <translation> · прочитано %1 из %2</translation>
    </message>
    <message numerus="yes">
        <source>⚠ The filter could not be evaluated on %1 of %n record(s) read: %2</source>
        <translation>
            <numerusform>⚠ Фильтр не удалось вычислить для %1 из %n прочитанной записи: %2</numerusform>
            <numerusform>⚠ Фильтр не удалось вычислить для %1 из %n прочитанных записей: %2</numerusform>
            <numerusform>⚠ Фильтр не удалось вычислить для %1 из %n прочитанных записей: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No match in the scanned range (%Ln record(s) read)</source>
        <translation>
            <numerusform>Совпадений в просмотренном диапазоне нет (прочитана %Ln запись)</numerusform>
            <numerusform>Совпадений в просмотренном диапазоне нет (прочитано %Ln записи)</numerusform>
            <numerusform>Совпадений в просмотренном диапазоне нет (прочитано %Ln записей)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %Ln record(s) read</source>
        <translation>
            <numerusform> среди %Ln прочитанной записи</numerusform>
            <numerusform> среди %Ln прочитанных записей</numerusform>
            <numerusform> среди %Ln прочитанных записей</numerusform>
        </translation>
    </message>
    <message>
        <source> · complete</source>
        <translation> · полностью</translation>
    </message>
    <message>
        <source> · the first %1 are listed</source>
        <translation> · показаны первые %1</translation>
    </message>
    <message>
        <source> · %1 records could not be evaluated (%2)</source>
        <translation> · записей, для которых фильтр не вычисляется: %1 (%2)</translation>
    </message>
    <message>
        <source> · assumption (see tooltip)</source>
        <translation> · допущение (см. подсказку)</translation>
    </message>
    <message>
        <source>⚠ Search failed: %1</source>
        <translation>⚠ Поиск не удался: %1</translation>
    </message>
    <message numerus="yes">
        <source> · stopped: %1 of %n partition(s) complete</source>
        <translation>
            <numerusform> · остановлено: полностью просмотрено партиций — %1 из %n</numerusform>
            <numerusform> · остановлено: полностью просмотрено партиций — %1 из %n</numerusform>
            <numerusform> · остановлено: полностью просмотрено партиций — %1 из %n</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 – %2  ✕</source>
        <translation>%1 – %2  ✕</translation>
    </message>
    <message>
        <source>Only records from %1 to %2 (the range shaded on the timeline). Click to search without it.</source>
        <translation>Только записи с %1 до %2 (диапазон, выделенный на шкале времени). Нажмите, чтобы искать без него.</translation>
    </message>
</context>
<context>
    <name>rw::GroupAdminDialog</name>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Применить</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Группа %1</translation>
    </message>
    <message>
        <source>Delete the group</source>
        <translation>Удалить группу</translation>
    </message>
    <message>
        <source>Delete its offsets for one topic</source>
        <translation>Удалить её смещения для одного топика</translation>
    </message>
    <message>
        <source>Copy its offsets to a new group</source>
        <translation>Скопировать её смещения в новую группу</translation>
    </message>
    <message>
        <source>the new group&apos;s name</source>
        <translation>имя новой группы</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Топик</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Партиция</translation>
    </message>
    <message>
        <source>Committed offset</source>
        <translation>Зафиксированное смещение</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Новая группа</translation>
    </message>
    <message>
        <source>Reading the group…</source>
        <translation>Группа читается…</translation>
    </message>
    <message>
        <source>Could not read the group: %1</source>
        <translation>Не удалось прочитать группу: %1</translation>
    </message>
    <message>
        <source>Planning the copy to %1…</source>
        <translation>Составляется план копирования в %1…</translation>
    </message>
    <message>
        <source>No plan: %1</source>
        <translation>Плана нет: %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete group %1 (state %2) with its committed offsets on %n partition(s).</source>
        <translation>
            <numerusform>Удалить группу %1 (состояние %2) с её зафиксированными смещениями на %n партиции.</numerusform>
            <numerusform>Удалить группу %1 (состояние %2) с её зафиксированными смещениями на %n партициях.</numerusform>
            <numerusform>Удалить группу %1 (состояние %2) с её зафиксированными смещениями на %n партициях.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the committed offsets of %1 for %2 (%n partition(s)); the group starts that topic again from its auto.offset.reset.</source>
        <translation>
            <numerusform>Удалить зафиксированные смещения %1 для %2 (%n партиция); группа начнёт этот топик заново по своему auto.offset.reset.</numerusform>
            <numerusform>Удалить зафиксированные смещения %1 для %2 (%n партиции); группа начнёт этот топик заново по своему auto.offset.reset.</numerusform>
            <numerusform>Удалить зафиксированные смещения %1 для %2 (%n партиций); группа начнёт этот топик заново по своему auto.offset.reset.</numerusform>
        </translation>
    </message>
    <message>
        <source>The group has no committed offsets for this topic.</source>
        <translation>У группы нет зафиксированных смещений для этого топика.</translation>
    </message>
    <message>
        <source>Name the new group, then Enter: the plan shows what it will start from.</source>
        <translation>Введите имя новой группы и нажмите Enter: план покажет, с чего она начнёт.</translation>
    </message>
    <message numerus="yes">
        <source>Give %1 the offsets of %2 on %n partition(s), as listed.</source>
        <translation>
            <numerusform>Дать %1 смещения %2 на %n партиции, как в списке.</numerusform>
            <numerusform>Дать %1 смещения %2 на %n партициях, как в списке.</numerusform>
            <numerusform>Дать %1 смещения %2 на %n партициях, как в списке.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused: the group has %n member(s) (state %1); stop its consumers first.</source>
        <translation>
            <numerusform>Отказано: в группе %n участник (состояние %1); сначала остановите её потребителей.</numerusform>
            <numerusform>Отказано: в группе %n участника (состояние %1); сначала остановите её потребителей.</numerusform>
            <numerusform>Отказано: в группе %n участников (состояние %1); сначала остановите её потребителей.</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused: the profile &apos;%1&apos; is read-only; nothing can be changed.</source>
        <translation>Отказано: профиль «%1» только для чтения; ничего изменить нельзя.</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Применяется…</translation>
    </message>
    <message>
        <source>Refused, nothing changed: %1</source>
        <translation>Отказано, ничего не изменено: %1</translation>
    </message>
    <message>
        <source>Deleted group %1.</source>
        <translation>Группа %1 удалена.</translation>
    </message>
    <message>
        <source>Deleted the offsets of %1 for %2.</source>
        <translation>Смещения %1 для %2 удалены.</translation>
    </message>
    <message>
        <source>Copied the offsets to %1.</source>
        <translation>Смещения скопированы в %1.</translation>
    </message>
</context>
<context>
    <name>rw::GroupLagModel</name>
    <message>
        <source>How far the first record this group has not read is behind the partition&apos;s newest record</source>
        <translation>Насколько первая непрочитанная группой запись старше самой новой записи партиции</translation>
    </message>
    <message>
        <source>no commit</source>
        <translation>нет фиксации</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>caught up</source>
        <translation>догнала</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Топик</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Партиция</translation>
    </message>
    <message>
        <source>Committed</source>
        <translation>Зафиксировано</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Конец</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Отставание</translation>
    </message>
    <message>
        <source>Committed at (UTC)</source>
        <translation>Время фиксации (UTC)</translation>
    </message>
    <message>
        <source>Committed at (local)</source>
        <translation>Время фиксации (местное)</translation>
    </message>
    <message>
        <source>Behind</source>
        <translation>Отстаёт на</translation>
    </message>
    <message>
        <source>How far the first record this group has not read is behind the partition&apos;s newest record (read for the %1 most lagging partitions; %2 more not read)</source>
        <translation>Насколько первая непрочитанная группой запись отстаёт от новейшей записи партиции (прочитано для %1 самых отстающих партиций; ещё %2 не прочитано)</translation>
    </message>
</context>
<context>
    <name>rw::GroupPage</name>
    <message>
        <source>Select a consumer group on the left.</source>
        <translation>Выберите группу потребителей слева.</translation>
    </message>
    <message>
        <source>Reset offsets…</source>
        <translation>Сбросить смещения…</translation>
    </message>
    <message>
        <source>Move where this group resumes: shows the plan before anything changes</source>
        <translation>Изменить, откуда группа продолжит чтение: сначала показывается план, ничего не меняется</translation>
    </message>
    <message numerus="yes">
        <source>total lag %1 over %n partition(s)</source>
        <translation>
            <numerusform>общее отставание %1 по %n партиции</numerusform>
            <numerusform>общее отставание %1 по %n партициям</numerusform>
            <numerusform>общее отставание %1 по %n партициям</numerusform>
        </translation>
    </message>
    <message>
        <source>up to %1 behind</source>
        <translation>отставание до %1</translation>
    </message>
    <message numerus="yes">
        <source>never committed on %n partition(s): %1 records to read from the earliest offset (auto.offset.reset=earliest), none from the latest</source>
        <translation>
            <numerusform>ни разу не фиксировала смещения в %n партиции: записей к чтению с самого раннего смещения (auto.offset.reset=earliest) — %1, с последнего — ни одной</numerusform>
            <numerusform>ни разу не фиксировала смещения в %n партициях: записей к чтению с самого раннего смещения (auto.offset.reset=earliest) — %1, с последнего — ни одной</numerusform>
            <numerusform>ни разу не фиксировала смещения в %n партициях: записей к чтению с самого раннего смещения (auto.offset.reset=earliest) — %1, с последнего — ни одной</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · loading …</source>
        <translation>%1 · загрузка …</translation>
    </message>
    <message>
        <source>Could not read the consumer group: %1</source>
        <translation>Не удалось прочитать группу потребителей: %1</translation>
    </message>
    <message>
        <source>loading …</source>
        <translation>загрузка …</translation>
    </message>
    <message>
        <source>consumer protocol (KIP-848)</source>
        <translation>протокол consumer (KIP-848)</translation>
    </message>
    <message>
        <source>classic protocol</source>
        <translation>классический протокол</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>no members: nobody reads for this group now</source>
        <translation>участников нет: сейчас никто не читает для этой группы</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s): client id @ host: assigned partitions</source>
        <translation>
            <numerusform>%n участник: идентификатор клиента @ хост: назначенные партиции</numerusform>
            <numerusform>%n участника: идентификатор клиента @ хост: назначенные партиции</numerusform>
            <numerusform>%n участников: идентификатор клиента @ хост: назначенные партиции</numerusform>
        </translation>
    </message>
    <message>
        <source>time behind not read: %1</source>
        <translation>отставание по времени не прочитано: %1</translation>
    </message>
    <message>
        <source>Delete or copy…</source>
        <translation>Удалить или скопировать…</translation>
    </message>
    <message>
        <source>Delete this group or its offsets for a topic, or copy its offsets to a new group (a Kafka cluster&apos;s groups): shows the plan first</source>
        <translation>Удалить эту группу или её смещения для топика либо скопировать её смещения в новую группу (группы кластера Kafka): сначала показывает план</translation>
    </message>
</context>
<context>
    <name>rw::GroupsList</name>
    <message>
        <source>Consumer group</source>
        <translation>Группа потребителей</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Топики</translation>
    </message>
    <message>
        <source>Total lag</source>
        <translation>Общее отставание</translation>
    </message>
    <message>
        <source>No commit</source>
        <translation>Без фиксации</translation>
    </message>
    <message>
        <source>Click a group to see its lag per partition and over time</source>
        <translation>Щёлкните группу, чтобы увидеть её отставание по партициям и во времени</translation>
    </message>
    <message>
        <source>≤ %1 uncommitted</source>
        <translation>≤ %1 без фиксации</translation>
    </message>
</context>
<context>
    <name>rw::LagChart</name>
    <message>
        <source>lag (records)</source>
        <translation>отставание (записи)</translation>
    </message>
    <message numerus="yes">
        <source>%1 · lag %Ln record(s)</source>
        <translation>
            <numerusform>%1 · отставание %Ln запись</numerusform>
            <numerusform>%1 · отставание %Ln записи</numerusform>
            <numerusform>%1 · отставание %Ln записей</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a consumer group to see its lag over time.</source>
        <translation>Выберите группу потребителей, чтобы увидеть её отставание во времени.</translation>
    </message>
    <message>
        <source>oldest unread · %1 behind</source>
        <translation>старейшая непрочитанная · отставание %1</translation>
    </message>
    <message>
        <source>%1: no lag history yet. Rewind samples the lag every minute while the workspace is open.</source>
        <translation>%1: истории отставания пока нет. Rewind замеряет отставание раз в минуту, пока рабочая область открыта.</translation>
    </message>
    <message>
        <source> · %1 behind (oldest unread record: %2)</source>
        <translation> · отставание %1 (старейшая непрочитанная запись: %2)</translation>
    </message>
    <message>
        <source>%1 · lag now %2%3 · %4 · %5 samples since %6</source>
        <translation>%1 · отставание сейчас %2%3 · %4 · замеров: %5 с %6</translation>
    </message>
    <message>
        <source>%1 · lag %2 at %3 (the span&apos;s last sample) · %4 samples since %5</source>
        <translation>%1 · отставание %2 на %3 (последний замер периода) · замеров: %4 с %5</translation>
    </message>
    <message>
        <source>no sample from %1 to %2</source>
        <translation>нет замеров с %1 до %2</translation>
    </message>
</context>
<context>
    <name>rw::LagSamplerWorker</name>
    <message>
        <source>Lag sampling: %1</source>
        <translation>Замер отставания: %1</translation>
    </message>
    <message>
        <source>Lag history is not saved: %1</source>
        <translation>История отставания не сохраняется: %1</translation>
    </message>
</context>
<context>
    <name>rw::MainWindow</name>
    <message>
        <source>&lt;b&gt;Topics&lt;/b&gt;</source>
        <translation>&lt;b&gt;Топики&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Consumer groups&lt;/b&gt;</source>
        <translation>&lt;b&gt;Группы потребителей&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>Удалить профиль</translation>
    </message>
    <message>
        <source>Remove the Kafka profile &quot;%1&quot; and its saved password?</source>
        <translation>Удалить профиль Kafka «%1» и сохранённый пароль?</translation>
    </message>
    <message>
        <source>&amp;Records</source>
        <translation>&amp;Записи</translation>
    </message>
    <message>
        <source>Consumer &amp;group</source>
        <translation>&amp;Группа потребителей</translation>
    </message>
    <message>
        <source>&amp;Trace</source>
        <translation>&amp;Трассировка</translation>
    </message>
    <message>
        <source>Re&amp;play</source>
        <translation>&amp;Воспроизведение</translation>
    </message>
    <message>
        <source>No workspace open. File ▸ Open (Ctrl+O), or run rewind-cli demo to create one.</source>
        <translation>Рабочая область не открыта. Файл ▸ Открыть (Ctrl+O) или создайте демо командой rewind-cli demo.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>&amp;Открыть рабочую область…</translation>
    </message>
    <message>
        <source>Open Kafka &amp;data directory…</source>
        <translation>Открыть &amp;каталог данных Kafka…</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>&amp;Новая рабочая область…</translation>
    </message>
    <message>
        <source>Add &amp;Kafka cluster…</source>
        <translation>Добавить &amp;кластер Kafka…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Недавние</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Перечитать</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Переход</translation>
    </message>
    <message>
        <source>&amp;Go to offset or time…</source>
        <translation>&amp;Перейти к смещению или времени…</translation>
    </message>
    <message>
        <source>&amp;Filter…</source>
        <translation>&amp;Фильтр…</translation>
    </message>
    <message>
        <source>F&amp;ollow new records</source>
        <translation>&amp;Следить за новыми записями</translation>
    </message>
    <message>
        <source>&amp;Trace…</source>
        <translation>&amp;Трассировка…</translation>
    </message>
    <message>
        <source>&amp;Replay the current view…</source>
        <translation>&amp;Воспроизвести текущее представление…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About Rewind</source>
        <translation>&amp;О программе Rewind</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Открыть рабочую область</translation>
    </message>
    <message>
        <source>Rewind workspaces (*.rewind);;All files (*)</source>
        <translation>Рабочие области Rewind (*.rewind);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Open Kafka data directory (a copy of log.dirs, or one &lt;topic&gt;-&lt;n&gt; folder)</source>
        <translation>Открыть каталог данных Kafka (копию log.dirs или одну папку &lt;топик&gt;-&lt;n&gt;)</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>Новая рабочая область</translation>
    </message>
    <message>
        <source>Rewind workspaces (*.rewind)</source>
        <translation>Рабочие области Rewind (*.rewind)</translation>
    </message>
    <message>
        <source>The profile was not saved: %1</source>
        <translation>Профиль не сохранён: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln topic(s)</source>
        <translation>
            <numerusform>%Ln топик</numerusform>
            <numerusform>%Ln топика</numerusform>
            <numerusform>%Ln топиков</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln запись</numerusform>
            <numerusform>%Ln записи</numerusform>
            <numerusform>%Ln записей</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — Rewind</source>
        <translation>%1 — Rewind</translation>
    </message>
    <message>
        <source>%1 · %2 · %3%4</source>
        <translation>%1 · %2 · %3%4</translation>
    </message>
    <message>
        <source>The offsets of %1 were reset.</source>
        <translation>Смещения %1 сброшены.</translation>
    </message>
    <message>
        <source>%1-%2 offset %3 is not in this source any more.</source>
        <translation>Записи %1-%2 со смещением %3 в этом источнике больше нет.</translation>
    </message>
    <message>
        <source>Could not open %1: %2
Choose another workspace with File ▸ Open, or create the demo with: rewind-cli demo --out demo.rewind</source>
        <translation>Не удалось открыть %1: %2
Выберите другую рабочую область (Файл ▸ Открыть) или создайте демо: rewind-cli demo --out demo.rewind</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>Рабочая область не открыта.</translation>
    </message>
    <message>
        <source>About Rewind</source>
        <translation>О программе Rewind</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Rewind %1&lt;/h3&gt;&lt;p&gt;A log explorer and replay console for event logs.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3) · SQLite %4 · librdkafka %5 · QCustomPlot %6&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Rewind %1&lt;/h3&gt;&lt;p&gt;Обозреватель журналов событий и консоль их воспроизведения.&lt;/p&gt;&lt;p&gt;Qt %2 (собрано с %3) · SQLite %4 · librdkafka %5 · QCustomPlot %6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>The language changes the next time Rewind starts.</source>
        <translation>Язык сменится при следующем запуске Rewind.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) in the segments; everything else reads normally. First: %1. rewind-cli verify lists them all.</source>
        <translation>
            <numerusform>%n проблема в сегментах; всё остальное читается нормально. Первая: %1. Полный список — rewind-cli verify.</numerusform>
            <numerusform>%n проблемы в сегментах; всё остальное читается нормально. Первая: %1. Полный список — rewind-cli verify.</numerusform>
            <numerusform>%n проблем в сегментах; всё остальное читается нормально. Первая: %1. Полный список — rewind-cli verify.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Colours</source>
        <translation>&amp;Цвета</translation>
    </message>
    <message>
        <source>As the desktop</source>
        <translation>Как в рабочей среде</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлые</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмные</translation>
    </message>
    <message>
        <source>The desktop&apos;s colours come back the next time Rewind starts.</source>
        <translation>Цвета рабочей среды вернутся при следующем запуске Rewind.</translation>
    </message>
    <message>
        <source>Schema &amp;files…</source>
        <translation>&amp;Файлы схем…</translation>
    </message>
    <message>
        <source>Schema files kept in the workspace; reopening it …</source>
        <translation>Файлы схем сохранены в рабочей области; она открывается заново …</translation>
    </message>
    <message>
        <source>A data directory is read in place and never written: use rewind-cli --schema-file, or capture it into a workspace</source>
        <translation>Каталог данных читается на месте и никогда не изменяется: используйте rewind-cli --schema-file или скопируйте данные в рабочую область</translation>
    </message>
    <message>
        <source>C&amp;ase</source>
        <translation>Д&amp;ело</translation>
    </message>
    <message>
        <source>&amp;Hide personal data (the masking policy&apos;s fields)</source>
        <translation>&amp;Скрывать персональные данные (поля политики маскирования)</translation>
    </message>
    <message>
        <source>Values and headers the policy names show as *** in the table and the inspector; the inspector&apos;s Reveal shows one record. Copies, exports and reports are masked either way.</source>
        <translation>Значения и заголовки, названные в политике, показываются как *** в таблице и инспекторе; кнопка «Показать» в инспекторе раскрывает одну запись. Копии, экспорт и отчёты маскируются в любом случае.</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>&amp;Дело</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Заметка:</translation>
    </message>
    <message>
        <source>Pin with a note</source>
        <translation>Закрепить с заметкой</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>&amp;Новое дело…</translation>
    </message>
    <message>
        <source>&amp;Pin the selected records</source>
        <translation>&amp;Закрепить выбранные записи</translation>
    </message>
    <message>
        <source>Ctrl+B in the records table, the trace or an inspector</source>
        <translation>Ctrl+B в таблице записей, трассировке или инспекторе</translation>
    </message>
    <message>
        <source>Pin the view&apos;s &amp;time range…</source>
        <translation>Закрепить &amp;интервал времени…</translation>
    </message>
    <message>
        <source>&amp;Save the view in the case…</source>
        <translation>&amp;Сохранить вид в деле…</translation>
    </message>
    <message>
        <source>Show the &amp;case</source>
        <translation>Показать &amp;дело</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Экспорт</translation>
    </message>
    <message>
        <source>What the &amp;view shows (filter results, timeline selection)…</source>
        <translation>То, что &amp;видно (результаты фильтра, выделение на шкале)…</translation>
    </message>
    <message>
        <source>The &amp;selected records…</source>
        <translation>&amp;Выбранные записи…</translation>
    </message>
    <message>
        <source>The &amp;trace…</source>
        <translation>&amp;Трассировку…</translation>
    </message>
    <message>
        <source>The case&apos;s &amp;pinned records…</source>
        <translation>&amp;Закреплённые записи дела…</translation>
    </message>
    <message>
        <source>Case &amp;bundle (a workspace to hand on)…</source>
        <translation>&amp;Пакет дела (рабочая область для передачи)…</translation>
    </message>
    <message>
        <source>&amp;Report (HTML)…</source>
        <translation>&amp;Отчёт (HTML)…</translation>
    </message>
    <message>
        <source>Report (&amp;PDF)…</source>
        <translation>Отчёт (&amp;PDF)…</translation>
    </message>
    <message>
        <source>Nothing to export: choose a topic first.</source>
        <translation>Нечего экспортировать: сначала выберите топик.</translation>
    </message>
    <message>
        <source>Every record of %1</source>
        <translation>Все записи %1</translation>
    </message>
    <message>
        <source>The records of %1 that match: %2</source>
        <translation>Записи %1, подходящие под: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected record(s)</source>
        <translation>
            <numerusform>%Ln выбранная запись</numerusform>
            <numerusform>%Ln выбранные записи</numerusform>
            <numerusform>%Ln выбранных записей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln record(s) of the trace</source>
        <translation>
            <numerusform>%Ln запись трассировки</numerusform>
            <numerusform>%Ln записи трассировки</numerusform>
            <numerusform>%Ln записей трассировки</numerusform>
        </translation>
    </message>
    <message>
        <source>No case is open: pin records first (Ctrl+B).</source>
        <translation>Дело не открыто: сначала закрепите записи (Ctrl+B).</translation>
    </message>
    <message numerus="yes">
        <source>The %Ln pinned record(s) of case %1</source>
        <translation>
            <numerusform>%Ln закреплённая запись дела %1</numerusform>
            <numerusform>%Ln закреплённые записи дела %1</numerusform>
            <numerusform>%Ln закреплённых записей дела %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to export.</source>
        <translation>Нечего экспортировать.</translation>
    </message>
    <message>
        <source>A replay is running</source>
        <translation>Идёт воспроизведение</translation>
    </message>
    <message>
        <source>A replay is still writing. Stop it and close the window?

It stops after the batch it is writing; what was written stays, and Resume in the replay console (or rewind-cli replay resume) continues it later without writing anything twice.</source>
        <translation>Воспроизведение ещё пишет записи. Остановить его и закрыть окно?

Оно остановится после пакета, который сейчас пишет; записанное останется, а «Продолжить» в консоли воспроизведения (или rewind-cli replay resume) продолжит его позже, ничего не записав дважды.</translation>
    </message>
    <message>
        <source>
%1 is still shown.</source>
        <translation>
%1 по-прежнему показан.</translation>
    </message>
    <message>
        <source>Could not connect to %1 (%2): %3
The profile&apos;s address and security settings: Edit… in Sources.</source>
        <translation>Не удалось подключиться к %1 (%2): %3
Адрес и настройки безопасности профиля: «Изменить…» в «Источниках».</translation>
    </message>
    <message>
        <source>The profile %1 was saved. A replay is running on its connection: the changes apply when it has ended and you open the profile again from Sources.</source>
        <translation>Профиль %1 сохранён. Через его подключение идёт воспроизведение: изменения вступят в силу, когда оно закончится и вы снова откроете профиль в «Источниках».</translation>
    </message>
    <message>
        <source>Reconnecting to %1 with the edited profile …</source>
        <translation>Переподключение к %1 с изменённым профилем …</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>около %1</translation>
    </message>
    <message>
        <source>The records of %1</source>
        <translation>Записи %1</translation>
    </message>
    <message>
        <source>, from %1 to %2</source>
        <translation>, с %1 до %2</translation>
    </message>
    <message>
        <source>Show &amp;internal topics</source>
        <translation>Показывать &amp;служебные топики</translation>
    </message>
    <message>
        <source>__consumer_offsets, __transaction_state, __cluster_metadata, and the _schemas topic the decoding reads</source>
        <translation>__consumer_offsets, __transaction_state, __cluster_metadata и топик _schemas, из которого берутся схемы</translation>
    </message>
    <message>
        <source>C&amp;luster</source>
        <translation>К&amp;ластер</translation>
    </message>
    <message>
        <source>&lt;b&gt;Topics&lt;/b&gt; %1 of %2</source>
        <translation>&lt;b&gt;Топики&lt;/b&gt; %1 из %2</translation>
    </message>
    <message>
        <source>Filter topics</source>
        <translation>Фильтр топиков</translation>
    </message>
    <message>
        <source>Shows the topics whose names contain this text (any case)</source>
        <translation>Показывает топики, в имени которых есть этот текст (без учёта регистра)</translation>
    </message>
    <message>
        <source>Broker %1: %2</source>
        <translation>Брокер %1: %2</translation>
    </message>
    <message>
        <source>Producing and administering topics, groups and schemas need a Kafka cluster: connect to one first (File ▸ Add Kafka cluster…, or a profile in Sources).</source>
        <translation>Для записи и управления топиками, группами и схемами нужен кластер Kafka: сначала подключитесь к нему (Файл ▸ Добавить кластер Kafka… или профиль в источниках).</translation>
    </message>
    <message>
        <source>&amp;Produce…</source>
        <translation>&amp;Записать…</translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation>Отправить &amp;снова</translation>
    </message>
    <message>
        <source>the selected records</source>
        <translation>выбранные записи</translation>
    </message>
    <message>
        <source>The &amp;trace&apos;s records…</source>
        <translation>Записи &amp;трассировки…</translation>
    </message>
    <message>
        <source>the trace&apos;s records</source>
        <translation>записи трассировки</translation>
    </message>
    <message>
        <source>the case&apos;s pinned records</source>
        <translation>закреплённые записи дела</translation>
    </message>
    <message>
        <source>&amp;New topic…</source>
        <translation>&amp;Новый топик…</translation>
    </message>
    <message>
        <source>Topic &amp;settings…</source>
        <translation>&amp;Параметры топика…</translation>
    </message>
    <message>
        <source>Add p&amp;artitions…</source>
        <translation>Добавить п&amp;артиции…</translation>
    </message>
    <message>
        <source>&amp;Delete topic…</source>
        <translation>&amp;Удалить топик…</translation>
    </message>
    <message>
        <source>Delete or copy the &amp;group…</source>
        <translation>Удалить или скопировать &amp;группу…</translation>
    </message>
    <message>
        <source>Schema &amp;Registry…</source>
        <translation>Schema &amp;Registry…</translation>
    </message>
    <message numerus="yes">
        <source>Produced %n record(s) to %1.</source>
        <translation>
            <numerusform>В %1 записана %n запись.</numerusform>
            <numerusform>В %1 записаны %n записи.</numerusform>
            <numerusform>В %1 записано %n записей.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to send again (%1).</source>
        <translation>Нечего отправлять снова (%1).</translation>
    </message>
    <message>
        <source>Reading %1 to send them again…</source>
        <translation>Читаются %1 для повторной отправки…</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Не удалось прочитать %1: %2</translation>
    </message>
    <message>
        <source>The source no longer holds %1.</source>
        <translation>В источнике больше нет: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n record(s) again to %1.</source>
        <translation>
            <numerusform>В %1 снова отправлена %n запись.</numerusform>
            <numerusform>В %1 снова отправлены %n записи.</numerusform>
            <numerusform>В %1 снова отправлено %n записей.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a group in the list first.</source>
        <translation>Сначала выберите группу в списке.</translation>
    </message>
    <message>
        <source>The profile %1 has no Schema Registry: add its URL in the profile (Sources ▸ Edit).</source>
        <translation>У профиля %1 нет Schema Registry: добавьте его URL в профиль (Источники ▸ Изменить).</translation>
    </message>
    <message>
        <source>&amp;Kafka</source>
        <translation>&amp;Kafka</translation>
    </message>
</context>
<context>
    <name>rw::PlotStyle</name>
    <message>
        <source>pinned</source>
        <translation>закреплено</translation>
    </message>
</context>
<context>
    <name>rw::ProduceDialog</name>
    <message>
        <source>To the topic named in header</source>
        <translation>В топик, названный в заголовке</translation>
    </message>
    <message>
        <source>Keep the original headers</source>
        <translation>Сохранить исходные заголовки</translation>
    </message>
    <message>
        <source>Add provenance headers (rewind.source.*)</source>
        <translation>Добавить заголовки происхождения (rewind.source.*)</translation>
    </message>
    <message>
        <source>From an NDJSON file…</source>
        <translation>Из файла NDJSON…</translation>
    </message>
    <message>
        <source>Type one instead</source>
        <translation>Ввести одну вручную</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Отправить</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Стоп</translation>
    </message>
    <message>
        <source>Produce to %1</source>
        <translation>Запись в %1</translation>
    </message>
    <message>
        <source>by key</source>
        <translation>по ключу</translation>
    </message>
    <message>
        <source>now (or 2026-11-19T03:00Z, now-2h)</source>
        <translation>сейчас (или 2026-11-19T03:00Z, now-2h)</translation>
    </message>
    <message>
        <source>none (null)</source>
        <translation>нет (null)</translation>
    </message>
    <message>
        <source>{&quot;order_id&quot;: &quot;o-123&quot;}</source>
        <translation>{&quot;order_id&quot;: &quot;o-123&quot;}</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>последняя</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Топик</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Партиция</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>Метка времени</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>Добавить заголовок</translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation>Удалить заголовок</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Заголовки</translation>
    </message>
    <message>
        <source>Value schema</source>
        <translation>Схема значения</translation>
    </message>
    <message>
        <source>Key schema</source>
        <translation>Схема ключа</translation>
    </message>
    <message>
        <source>Records to send again (pick one to edit it):</source>
        <translation>Записи для повторной отправки (выберите, чтобы изменить):</translation>
    </message>
    <message>
        <source>Produce from an NDJSON file</source>
        <translation>Запись из файла NDJSON</translation>
    </message>
    <message>
        <source>NDJSON envelopes (*.ndjson *.jsonl *.json);;All files (*)</source>
        <translation>Конверты NDJSON (*.ndjson *.jsonl *.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>The registry&apos;s subjects could not be read: %1</source>
        <translation>Не удалось прочитать субъекты реестра: %1</translation>
    </message>
    <message>
        <source>loading %1…</source>
        <translation>загружается %1…</translation>
    </message>
    <message>
        <source>An edited value is encoded again with the schema it was written with; values not edited are sent as stored.</source>
        <translation>Изменённое значение кодируется заново той схемой, которой было записано; неизменённые отправляются как хранятся.</translation>
    </message>
    <message numerus="yes">
        <source>Send %n record(s) again</source>
        <translation>
            <numerusform>Отправить %n запись снова</numerusform>
            <numerusform>Отправить %n записи снова</numerusform>
            <numerusform>Отправить %n записей снова</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n picked record(s) no longer held by the source.</source>
        <translation>
            <numerusform>%n выбранной записи больше нет в источнике.</numerusform>
            <numerusform>%n выбранных записей больше нет в источнике.</numerusform>
            <numerusform>%n выбранных записей больше нет в источнике.</numerusform>
        </translation>
    </message>
    <message>
        <source>This value is %1: an edit is encoded again with it.</source>
        <translation>Это значение — %1: изменение кодируется заново этой схемой.</translation>
    </message>
    <message>
        <source>This value is sent as typed.</source>
        <translation>Это значение отправляется как введено.</translation>
    </message>
    <message>
        <source>Row %1: a header needs a name.</source>
        <translation>Строка %1: у заголовка должно быть имя.</translation>
    </message>
    <message>
        <source>Not JSON: the value is encoded again with its schema (%1).</source>
        <translation>Не JSON: значение кодируется заново своей схемой (%1).</translation>
    </message>
    <message>
        <source>No schema: the key and value are sent as typed.</source>
        <translation>Без схемы: ключ и значение отправляются как введены.</translation>
    </message>
    <message>
        <source>(no such header)</source>
        <translation>(нет такого заголовка)</translation>
    </message>
    <message>
        <source>Unlock %1</source>
        <translation>Разблокировать %1</translation>
    </message>
    <message>
        <source>Refused: the profile &apos;%1&apos; is read-only; nothing can be written.</source>
        <translation>Отказано: профиль «%1» только для чтения; записать ничего нельзя.</translation>
    </message>
    <message>
        <source>Refused: a record has no header %1 to name its topic.</source>
        <translation>Отказано: у записи нет заголовка %1 с именем топика.</translation>
    </message>
    <message>
        <source>Give a topic.</source>
        <translation>Укажите топик.</translation>
    </message>
    <message>
        <source>Refused: %1 is not a sandbox topic (prefix &apos;%2&apos;). Tick Unlock to write to it.</source>
        <translation>Отказано: %1 — не топик песочницы (префикс «%2»). Отметьте «Разблокировать», чтобы писать в него.</translation>
    </message>
    <message>
        <source>each to the topic its header %1 names (%2)</source>
        <translation>каждая в топик из её заголовка %1 (%2)</translation>
    </message>
    <message>
        <source>partition by key (murmur2, as Kafka&apos;s producer)</source>
        <translation>партиция по ключу (murmur2, как у производителя Kafka)</translation>
    </message>
    <message>
        <source>partition %1</source>
        <translation>партиция %1</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n запись</numerusform>
            <numerusform>%n записи</numerusform>
            <numerusform>%n записей</numerusform>
        </translation>
    </message>
    <message>
        <source> (%1 edited) → %2, %3; original headers %4%5.</source>
        <translation> (изменено: %1) → %2, %3; исходные заголовки %4%5.</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>сохраняются</translation>
    </message>
    <message>
        <source>stripped</source>
        <translation>убираются</translation>
    </message>
    <message>
        <source>, provenance headers added</source>
        <translation>, добавляются заголовки происхождения</translation>
    </message>
    <message>
        <source>Every line of %1 → %2, %3, each encoded before anything is sent.</source>
        <translation>Каждая строка %1 → %2, %3; все кодируются до отправки.</translation>
    </message>
    <message>
        <source>1 record → %1, %2.</source>
        <translation>1 запись → %1, %2.</translation>
    </message>
    <message>
        <source>Fix the fields marked in red first.</source>
        <translation>Сначала исправьте поля, отмеченные красным.</translation>
    </message>
    <message>
        <source>record %1 (%2-%3@%4)</source>
        <translation>запись %1 (%2-%3@%4)</translation>
    </message>
    <message>
        <source>the record</source>
        <translation>запись</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Не отправлено: %1</translation>
    </message>
    <message>
        <source> (partition %1, offset %2)</source>
        <translation> (партиция %1, смещение %2)</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n record(s) delivered before Stop; the rest not sent.</source>
        <translation>
            <numerusform>Остановлено: до «Стоп» доставлена %n запись; остальные не отправлены.</numerusform>
            <numerusform>Остановлено: до «Стоп» доставлены %n записи; остальные не отправлены.</numerusform>
            <numerusform>Остановлено: до «Стоп» доставлено %n записей; остальные не отправлены.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delivered %n record(s)</source>
        <translation>
            <numerusform>Доставлена %n запись</numerusform>
            <numerusform>Доставлены %n записи</numerusform>
            <numerusform>Доставлено %n записей</numerusform>
        </translation>
    </message>
    <message>
        <source>Protobuf message</source>
        <translation>Сообщение Protobuf</translation>
    </message>
    <message>
        <source>Protobuf: the message type (default: the schema&apos;s first)</source>
        <translation>Protobuf: тип сообщения (по умолчанию первый в схеме)</translation>
    </message>
    <message>
        <source>value: %1 %2 version %3, id %4</source>
        <translation>значение: %1 %2 версия %3, id %4</translation>
    </message>
    <message>
        <source>key: %1 %2 version %3, id %4</source>
        <translation>ключ: %1 %2 версия %3, id %4</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Файл…</translation>
    </message>
    <message>
        <source>Encode the value with a schema file (.avsc, .proto, a descriptor set), as a topic mapped to it is decoded: the payload alone, without the registry&apos;s framing</source>
        <translation>Кодировать значение файлом схемы (.avsc, .proto, набор дескрипторов), как декодируется привязанный к нему топик: только данные, без обрамления реестра</translation>
    </message>
    <message>
        <source>Value schema file</source>
        <translation>Файл схемы значения</translation>
    </message>
    <message>
        <source>Schemas (*.avsc *.json *.proto *.desc *.pb *.protoset);;All files (*)</source>
        <translation>Схемы (*.avsc *.json *.proto *.desc *.pb *.protoset);;Все файлы (*)</translation>
    </message>
    <message>
        <source>This profile has no Schema Registry: values are sent as typed, or encoded with a schema file (File…).</source>
        <translation>У этого профиля нет Schema Registry: значения отправляются как введены или кодируются файлом схемы (Файл…).</translation>
    </message>
    <message>
        <source>value: %1 file %2, the payload alone (not framed)</source>
        <translation>значение: %1, файл %2, только данные (без обрамления)</translation>
    </message>
    <message>
        <source>Encoded with %1.</source>
        <translation>Кодируется: %1.</translation>
    </message>
</context>
<context>
    <name>rw::ProfileDialog</name>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Проверить подключение</translation>
    </message>
    <message>
        <source>Kafka connection</source>
        <translation>Подключение к Kafka</translation>
    </message>
    <message>
        <source>kept in the system keychain, never in settings</source>
        <translation>хранится в системной связке ключей, никогда в настройках</translation>
    </message>
    <message>
        <source>Read-only: refuse every write (produce, reset, topic changes, replays)</source>
        <translation>Только чтение: отказывать в любой записи (produce, сброс, изменение топиков, воспроизведение)</translation>
    </message>
    <message>
        <source>Extra librdkafka properties, one per line: name=value (allow-listed)</source>
        <translation>Дополнительные свойства librdkafka, по одному в строке: имя=значение (из разрешённого списка)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Имя</translation>
    </message>
    <message>
        <source>&amp;Bootstrap servers</source>
        <translation>&amp;Серверы начальной загрузки</translation>
    </message>
    <message>
        <source>&amp;Client id</source>
        <translation>Идентификатор &amp;клиента</translation>
    </message>
    <message>
        <source>&amp;Security protocol</source>
        <translation>Протокол &amp;безопасности</translation>
    </message>
    <message>
        <source>SASL &amp;mechanism</source>
        <translation>&amp;Механизм SASL</translation>
    </message>
    <message>
        <source>SASL &amp;user</source>
        <translation>&amp;Пользователь SASL</translation>
    </message>
    <message>
        <source>SASL &amp;password</source>
        <translation>Пар&amp;оль SASL</translation>
    </message>
    <message>
        <source>TLS CA file</source>
        <translation>Файл ЦС TLS</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>Сертификат TLS</translation>
    </message>
    <message>
        <source>TLS key</source>
        <translation>Ключ TLS</translation>
    </message>
    <message>
        <source>E&amp;xtra properties</source>
        <translation>&amp;Дополнительные свойства</translation>
    </message>
    <message>
        <source>extra properties, line %1: write name=value</source>
        <translation>дополнительные свойства, строка %1: пишите имя=значение</translation>
    </message>
    <message>
        <source>The profile needs a name.</source>
        <translation>У профиля должно быть имя.</translation>
    </message>
    <message>
        <source>The profile needs bootstrap servers (host:port).</source>
        <translation>Для профиля нужны серверы начальной загрузки (хост:порт).</translation>
    </message>
    <message>
        <source>Connecting to %1 …</source>
        <translation>Подключение к %1 …</translation>
    </message>
    <message>
        <source>http://registry:8081 (records in its wire format are decoded)</source>
        <translation>http://registry:8081 (записи в его формате декодируются)</translation>
    </message>
    <message>
        <source>Schema &amp;Registry URL</source>
        <translation>URL Schema &amp;Registry</translation>
    </message>
    <message>
        <source>Registry user</source>
        <translation>Пользователь реестра</translation>
    </message>
    <message>
        <source>Registry password</source>
        <translation>Пароль реестра</translation>
    </message>
    <message>
        <source>Registry CA file</source>
        <translation>Файл CA реестра</translation>
    </message>
    <message>
        <source>Schema files for topics without the registry&apos;s wire format, one per line: topic=/path/x.avsc, topic=/path/x.proto#package.Message or a descriptor set</source>
        <translation>Файлы схем для топиков без формата реестра, по одному в строке: топик=/путь/x.avsc, топик=/путь/x.proto#пакет.Сообщение или набор дескрипторов</translation>
    </message>
    <message>
        <source>Schema &amp;files</source>
        <translation>&amp;Файлы схем</translation>
    </message>
    <message>
        <source>schema files: %1</source>
        <translation>файлы схем: %1</translation>
    </message>
    <message>
        <source>OAUTHBEARER: an OpenID Connect token (client-credentials grant), fetched and renewed from the token endpoint</source>
        <translation>OAUTHBEARER: токен OpenID Connect (client credentials), который запрашивается и обновляется у точки выдачи токенов</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>необязательно</translation>
    </message>
    <message>
        <source>PEM; empty: the system&apos;s CAs</source>
        <translation>PEM; пусто — системные центры сертификации</translation>
    </message>
    <message>
        <source>PEM, for mutual TLS</source>
        <translation>PEM, для взаимного TLS</translation>
    </message>
    <message>
        <source>OIDC token URL</source>
        <translation>URL токенов OIDC</translation>
    </message>
    <message>
        <source>OIDC client id</source>
        <translation>Идентификатор клиента OIDC</translation>
    </message>
    <message>
        <source>OIDC client secret</source>
        <translation>Секрет клиента OIDC</translation>
    </message>
    <message>
        <source>OIDC scope</source>
        <translation>Область (scope) OIDC</translation>
    </message>
    <message>
        <source>TLS key passphrase</source>
        <translation>Парольная фраза ключа TLS</translation>
    </message>
</context>
<context>
    <name>rw::ProfileStore</name>
    <message>
        <source>The profile needs a name.</source>
        <translation>У профиля должно быть имя.</translation>
    </message>
</context>
<context>
    <name>rw::RecordInspector</name>
    <message>
        <source>Show all</source>
        <translation>Показать всё</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Заголовки</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>Копировать значение</translation>
    </message>
    <message>
        <source>Copy as NDJSON</source>
        <translation>Копировать как NDJSON</translation>
    </message>
    <message>
        <source>Copy command</source>
        <translation>Копировать команду</translation>
    </message>
    <message>
        <source>The rewind-cli command that prints this record</source>
        <translation>Команда rewind-cli, которая выводит эту запись</translation>
    </message>
    <message>
        <source>Select a record to inspect it.</source>
        <translation>Выберите запись, чтобы рассмотреть её.</translation>
    </message>
    <message>
        <source>%1-%2 @ %3 · %4 (%5) · %6 bytes</source>
        <translation>%1-%2 @ %3 · %4 (%5) · байт: %6</translation>
    </message>
    <message>
        <source>create time</source>
        <translation>время создания</translation>
    </message>
    <message>
        <source>log-append time</source>
        <translation>время добавления в журнал</translation>
    </message>
    <message>
        <source>Show all (%1 MB)</source>
        <translation>Показать всё (%1 МБ)</translation>
    </message>
    <message>
        <source>∅ null value (tombstone)</source>
        <translation>∅ пустое значение (tombstone)</translation>
    </message>
    <message>
        <source>∅ null key</source>
        <translation>∅ пустой ключ</translation>
    </message>
    <message numerus="yes">
        <source>✓ Copied %1 (%n character(s))</source>
        <translation>
            <numerusform>✓ Скопировано: %1 (%n символ)</numerusform>
            <numerusform>✓ Скопировано: %1 (%n символа)</numerusform>
            <numerusform>✓ Скопировано: %1 (%n символов)</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to copy: no record is shown.</source>
        <translation>Копировать нечего: запись не показана.</translation>
    </message>
    <message>
        <source>the value</source>
        <translation>значение</translation>
    </message>
    <message>
        <source>the record as NDJSON</source>
        <translation>запись в формате NDJSON</translation>
    </message>
    <message>
        <source>the command</source>
        <translation>команда</translation>
    </message>
    <message>
        <source>%1: %2, schema id %3</source>
        <translation>%1: %2, схема id %3</translation>
    </message>
    <message>
        <source>%1: %2, schema id %3 · %4 version %5</source>
        <translation>%1: %2, схема id %3 · %4, версия %5</translation>
    </message>
    <message>
        <source>%1 not decoded, shown as stored: %2</source>
        <translation>%1 не декодировано, показано как хранится: %2</translation>
    </message>
    <message>
        <source>Schema history…</source>
        <translation>История схемы…</translation>
    </message>
    <message>
        <source>When this topic&apos;s writer schema changed, and what changed</source>
        <translation>Когда менялась схема записи этого топика и что изменилось</translation>
    </message>
    <message>
        <source>%1: %2, schema file %3</source>
        <translation>%1: %2, файл схемы %3</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>Закрепить</translation>
    </message>
    <message>
        <source>Pin this record to the case, with a note in the Case tab (Ctrl+B)</source>
        <translation>Закрепить эту запись в деле; заметка — на вкладке «Дело» (Ctrl+B)</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>Показать</translation>
    </message>
    <message>
        <source>Show this record&apos;s personal data, which the masking policy hides (copies stay masked)</source>
        <translation>Показать персональные данные этой записи, скрытые политикой маскирования (копии остаются замаскированными)</translation>
    </message>
    <message>
        <source>Hide personal data</source>
        <translation>Скрыть персональные данные</translation>
    </message>
</context>
<context>
    <name>rw::RecordPageLoader</name>
    <message>
        <source>(no record at this offset: transaction marker, compacted or not captured)</source>
        <translation>(по этому смещению записи нет: маркер транзакции, удалена при сжатии или не сохранена)</translation>
    </message>
    <message>
        <source>(no longer in the source: replaced, deleted by retention or compacted)</source>
        <translation>(этой записи в источнике больше нет: файл заменён, удалена по сроку хранения или при сжатии)</translation>
    </message>
    <message>
        <source>Pick a partition of %1: merging its partitions by time needs every record&apos;s time (capture the topic into a workspace for that).</source>
        <translation>Выберите партицию топика %1: чтобы объединить его партиции по времени, нужно время каждой записи (для этого сохраните топик в рабочую область).</translation>
    </message>
    <message>
        <source>unknown topic &apos;%1&apos;</source>
        <translation>неизвестный топик «%1»</translation>
    </message>
    <message>
        <source>%1-%2 has no record at offset %3 (a transaction marker, compacted or not captured)</source>
        <translation>в %1-%2 нет записи со смещением %3 (маркер транзакции, удалена при сжатии или не сохранена)</translation>
    </message>
</context>
<context>
    <name>rw::RecordTableModel</name>
    <message>
        <source>Topic</source>
        <translation>Топик</translation>
    </message>
    <message>
        <source>Part.</source>
        <translation>Парт.</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Смещение</translation>
    </message>
    <message>
        <source>Timestamp (UTC)</source>
        <translation>Время (UTC)</translation>
    </message>
    <message>
        <source>Timestamp (local)</source>
        <translation>Время (местное)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Заголовки</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
</context>
<context>
    <name>rw::RecordsPage</name>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Следить</translation>
    </message>
    <message>
        <source>per partition</source>
        <translation>по партициям</translation>
    </message>
    <message>
        <source>Split the selected topic&apos;s bars by partition</source>
        <translation>Разбить столбцы выбранного топика по партициям</translation>
    </message>
    <message>
        <source>Trace this key across topics</source>
        <translation>Проследить этот ключ по всем топикам</translation>
    </message>
    <message>
        <source>Select a topic or a partition to see its records.</source>
        <translation>Выберите топик или партицию, чтобы увидеть записи.</translation>
    </message>
    <message>
        <source>Go to (Ctrl+G): offset, -N, beginning, end, 2026-11-19T03:17Z, now-2h</source>
        <translation>Перейти (Ctrl+G): смещение, -N, beginning, end, 2026-11-19T03:17Z, now-2h</translation>
    </message>
    <message>
        <source>Show timestamps in UTC (unchecked: local time)</source>
        <translation>Показывать время в UTC (без отметки — местное время)</translation>
    </message>
    <message>
        <source>Follow new records as they are appended to this partition (Ctrl+L)</source>
        <translation>Следить за новыми записями в этой партиции (Ctrl+L)</translation>
    </message>
    <message>
        <source>No record at or after that time in this view.</source>
        <translation>В этом представлении нет записей в это время или позже.</translation>
    </message>
    <message>
        <source>%1 · merging partitions by time … %2 of %3</source>
        <translation>%1 · партиции объединяются по времени … %2 из %3</translation>
    </message>
    <message>
        <source>Time…</source>
        <translation>Время…</translation>
    </message>
    <message>
        <source>Pick a date and time to go to</source>
        <translation>Выбрать дату и время для перехода</translation>
    </message>
    <message>
        <source>Could not read records: %1</source>
        <translation>Не удалось прочитать записи: %1</translation>
    </message>
    <message numerus="yes">
        <source>Records are missing here: %n damaged batch(es) could not be read. %1</source>
        <translation>
            <numerusform>Здесь не хватает записей: %n повреждённый пакет не читается. %1</numerusform>
            <numerusform>Здесь не хватает записей: %n повреждённых пакета не читаются. %1</numerusform>
            <numerusform>Здесь не хватает записей: %n повреждённых пакетов не читаются. %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Filter results · %Ln record(s)%1</source>
        <translation>
            <numerusform>Результаты фильтра · %Ln запись%1</numerusform>
            <numerusform>Результаты фильтра · %Ln записи%1</numerusform>
            <numerusform>Результаты фильтра · %Ln записей%1</numerusform>
        </translation>
    </message>
    <message>
        <source> (the first ones)</source>
        <translation> (первые)</translation>
    </message>
    <message>
        <source>Open a workspace.</source>
        <translation>Откройте рабочую область.</translation>
    </message>
    <message>
        <source>%1 · partition %2 · offsets %3 to %4</source>
        <translation>%1 · партиция %2 · смещения с %3 по %4</translation>
    </message>
    <message>
        <source> (the first ones; pick a partition for the rest)</source>
        <translation> (первые; остальные — в отдельной партиции)</translation>
    </message>
    <message>
        <source>Timeline: counts every record, so it is for workspaces. Capture a range (rewind-cli capture) to see one for Kafka data.</source>
        <translation>Шкала времени считает каждую запись, поэтому она есть только для рабочих областей. Чтобы увидеть её для данных Kafka, сохраните диапазон (rewind-cli capture).</translation>
    </message>
    <message>
        <source>Timeline: counting records by time …</source>
        <translation>Шкала времени: записи подсчитываются по времени …</translation>
    </message>
    <message>
        <source>Timeline: %1</source>
        <translation>Шкала времени: %1</translation>
    </message>
    <message>
        <source>all topics</source>
        <translation>все топики</translation>
    </message>
    <message>
        <source>%1 partition %2</source>
        <translation>%1, партиция %2</translation>
    </message>
    <message>
        <source>Open a workspace first (File ▸ Open), then Go to moves within its records.</source>
        <translation>Сначала откройте рабочую область (Файл ▸ Открыть); «Перейти» перемещает по её записям.</translation>
    </message>
    <message>
        <source>Go to moves within the records shown: select a topic (its partitions merged by time) or a partition first.</source>
        <translation>«Перейти» перемещает по показанным записям: сначала выберите топик (его партиции объединяются по времени) или партицию.</translation>
    </message>
    <message>
        <source>There are no records here to go to.</source>
        <translation>Здесь нет записей, к которым можно перейти.</translation>
    </message>
    <message>
        <source>No record at offset %1 in this view. Pick a partition to go to an offset.</source>
        <translation>В этом представлении нет записи со смещением %1. Чтобы перейти к смещению, выберите партицию.</translation>
    </message>
    <message>
        <source>Offset %1 is outside this partition (%2 to %3).</source>
        <translation>Смещение %1 вне этой партиции (от %2 до %3).</translation>
    </message>
    <message>
        <source>Cannot go to &quot;%1&quot;: %2</source>
        <translation>Не удалось перейти к «%1»: %2</translation>
    </message>
    <message>
        <source>Go to a time</source>
        <translation>Перейти ко времени</translation>
    </message>
    <message>
        <source>Time (UTC):</source>
        <translation>Время (UTC):</translation>
    </message>
    <message>
        <source>Time (local):</source>
        <translation>Время (местное):</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n partition(s) merged by time · %2 records%3</source>
        <translation>
            <numerusform>%1 · %n партиция по времени · записей: %2%3</numerusform>
            <numerusform>%1 · %n партиции объединены по времени · записей: %2%3</numerusform>
            <numerusform>%1 · %n партиций объединены по времени · записей: %2%3</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy as NDJSON</source>
        <translation>Копировать как NDJSON</translation>
    </message>
    <message numerus="yes">
        <source>Copy %Ln record(s) as NDJSON</source>
        <translation>
            <numerusform>Копировать %Ln запись как NDJSON</numerusform>
            <numerusform>Копировать %Ln записи как NDJSON</numerusform>
            <numerusform>Копировать %Ln записей как NDJSON</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copying %Ln record(s) …</source>
        <translation>
            <numerusform>Копируется %Ln запись …</numerusform>
            <numerusform>Копируются %Ln записи …</numerusform>
            <numerusform>Копируются %Ln записей …</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing copied: %1</source>
        <translation>Ничего не скопировано: %1</translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln record(s) as NDJSON</source>
        <translation>
            <numerusform>Скопирована %Ln запись как NDJSON</numerusform>
            <numerusform>Скопированы %Ln записи как NDJSON</numerusform>
            <numerusform>Скопировано %Ln записей как NDJSON</numerusform>
        </translation>
    </message>
    <message>
        <source> · masked: %1</source>
        <translation> · скрыто: %1</translation>
    </message>
    <message>
        <source> · only the first %1 selected rows</source>
        <translation> · только первые %1 выбранных строк</translation>
    </message>
    <message>
        <source>Pin to the case</source>
        <translation>Закрепить в деле</translation>
    </message>
    <message numerus="yes">
        <source>Pin %Ln record(s) to the case</source>
        <translation>
            <numerusform>Закрепить %Ln запись в деле</numerusform>
            <numerusform>Закрепить %Ln записи в деле</numerusform>
            <numerusform>Закрепить %Ln записей в деле</numerusform>
        </translation>
    </message>
    <message>
        <source>Pin with a note…</source>
        <translation>Закрепить с заметкой…</translation>
    </message>
    <message numerus="yes">
        <source>Export %Ln record(s)…</source>
        <translation>
            <numerusform>Экспортировать %Ln запись…</numerusform>
            <numerusform>Экспортировать %Ln записи…</numerusform>
            <numerusform>Экспортировать %Ln записей…</numerusform>
        </translation>
    </message>
    <message>
        <source>Timeline: reading every record&apos;s time in range …</source>
        <translation>Шкала времени: чтение времени каждой записи в диапазоне …</translation>
    </message>
    <message>
        <source>Timeline: asking the brokers for offsets by time …</source>
        <translation>Шкала времени: запрос смещений по времени у брокеров …</translation>
    </message>
    <message>
        <source>Timeline: select a topic (with every topic of this cluster, over %1 topics or 1,000 partitions, the brokers would be asked too much).</source>
        <translation>Шкала времени: выберите топик (для всех топиков этого кластера, более %1 топиков или 1 000 партиций, брокерам пришлось бы отвечать на слишком много запросов).</translation>
    </message>
    <message>
        <source>no records here</source>
        <translation>здесь нет записей</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>с %1 по %2</translation>
    </message>
    <message>
        <source> · the whole topic</source>
        <translation> · весь топик</translation>
    </message>
    <message>
        <source> · from its first record</source>
        <translation> · с первой записи</translation>
    </message>
    <message>
        <source> · up to its newest record</source>
        <translation> · до новейшей записи</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n partition(s) merged by time · %2 records, %3%4</source>
        <translation>
            <numerusform>%1 · %n партиция по времени · записей: %2, %3%4</numerusform>
            <numerusform>%1 · %n партиции объединены по времени · записей: %2, %3%4</numerusform>
            <numerusform>%1 · %n партиций объединены по времени · записей: %2, %3%4</numerusform>
        </translation>
    </message>
    <message>
        <source>◀ Earlier</source>
        <translation>◀ Раньше</translation>
    </message>
    <message>
        <source>The records just before these, all partitions merged by time</source>
        <translation>Записи непосредственно перед этими, все партиции объединены по времени</translation>
    </message>
    <message>
        <source>Later ▶</source>
        <translation>Позже ▶</translation>
    </message>
    <message>
        <source>The records just after these, all partitions merged by time</source>
        <translation>Записи сразу после этих, все партиции объединены по времени</translation>
    </message>
    <message numerus="yes">
        <source>Send %Ln record(s) again…</source>
        <translation>
            <numerusform>Отправить %Ln запись снова…</numerusform>
            <numerusform>Отправить %Ln записи снова…</numerusform>
            <numerusform>Отправить %Ln записей снова…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::RegistryDialog</name>
    <message>
        <source>Diff against the version before</source>
        <translation>Разница с предыдущей версией</translation>
    </message>
    <message>
        <source>&amp;Check compatibility</source>
        <translation>&amp;Проверить совместимость</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Зарегистрировать</translation>
    </message>
    <message>
        <source>Soft-&amp;delete this version</source>
        <translation>Мягко &amp;удалить эту версию</translation>
    </message>
    <message>
        <source>Set &amp;level</source>
        <translation>Задать &amp;уровень</translation>
    </message>
    <message>
        <source>Schema Registry of %1</source>
        <translation>Schema Registry для %1</translation>
    </message>
    <message>
        <source>The subject&apos;s own compatibility level: what the registry lets a new version change</source>
        <translation>Собственный уровень совместимости субъекта: что реестр разрешает менять новой версии</translation>
    </message>
    <message>
        <source>A new schema for the selected subject: check it, then register it.</source>
        <translation>Новая схема для выбранного субъекта: проверьте, затем зарегистрируйте.</translation>
    </message>
    <message>
        <source>This profile is read-only.</source>
        <translation>Этот профиль только для чтения.</translation>
    </message>
    <message>
        <source>Compatibility</source>
        <translation>Совместимость</translation>
    </message>
    <message>
        <source>New schema</source>
        <translation>Новая схема</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Пере&amp;читать</translation>
    </message>
    <message>
        <source>Reading the subjects…</source>
        <translation>Субъекты читаются…</translation>
    </message>
    <message>
        <source>The registry did not answer: %1</source>
        <translation>Реестр не ответил: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n subject(s).</source>
        <translation>
            <numerusform>%n субъект.</numerusform>
            <numerusform>%n субъекта.</numerusform>
            <numerusform>%n субъектов.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>версия %1</translation>
    </message>
    <message>
        <source>%1 version %2: %3</source>
        <translation>%1 версия %2: %3</translation>
    </message>
    <message>
        <source>%1 (%2 version %3)</source>
        <translation>%1 (%2 версия %3)</translation>
    </message>
    <message>
        <source>%1 version %2 of %3 · id %4 · %5 · compatibility %6 · references: %7</source>
        <translation>%1 версия %2 из %3 · id %4 · %5 · совместимость %6 · ссылки: %7</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Version %1 is the subject&apos;s first: nothing to compare.</source>
        <translation>Версия %1 — первая у субъекта: сравнивать не с чем.</translation>
    </message>
    <message>
        <source>Pick a subject and write the new schema first.</source>
        <translation>Сначала выберите субъект и напишите новую схему.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>The registry refused the check: %1</source>
        <translation>Реестр отказал в проверке: %1</translation>
    </message>
    <message>
        <source>Compatible with %1 (%2).</source>
        <translation>Совместима с %1 (%2).</translation>
    </message>
    <message>
        <source>NOT compatible with %1 (%2).</source>
        <translation>НЕ совместима с %1 (%2).</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Регистрация</translation>
    </message>
    <message>
        <source>Register this %1 schema as a new version of %2?</source>
        <translation>Зарегистрировать эту схему %1 как новую версию %2?</translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation>Регистрация…</translation>
    </message>
    <message>
        <source>Refused, nothing registered: %1</source>
        <translation>Отказано, ничего не зарегистрировано: %1</translation>
    </message>
    <message>
        <source>Registered under %1: schema id %2.</source>
        <translation>Зарегистрирована в %1: id схемы %2.</translation>
    </message>
    <message>
        <source>Refused, nothing changed: %1</source>
        <translation>Отказано, ничего не изменено: %1</translation>
    </message>
    <message>
        <source>%1 now has compatibility %2.</source>
        <translation>У %1 теперь совместимость %2.</translation>
    </message>
    <message>
        <source>Soft-delete</source>
        <translation>Мягкое удаление</translation>
    </message>
    <message>
        <source>Soft-delete %1 version %2? Records written with its id still decode; new records can no longer use it by version.</source>
        <translation>Мягко удалить %1 версию %2? Записи с её id по-прежнему декодируются; новые записи больше не смогут ссылаться на неё по версии.</translation>
    </message>
    <message>
        <source>Refused, nothing deleted: %1</source>
        <translation>Отказано, ничего не удалено: %1</translation>
    </message>
    <message>
        <source>Soft-deleted %1 version %2.</source>
        <translation>%1 версия %2 мягко удалена.</translation>
    </message>
    <message>
        <source>Filter subjects</source>
        <translation>Фильтр субъектов</translation>
    </message>
</context>
<context>
    <name>rw::ReplayConsole</name>
    <message>
        <source>provenance headers (rewind.source.*)</source>
        <translation>заголовки происхождения (rewind.source.*)</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>&amp;План</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Запуск</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>Продол&amp;жить</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>Па&amp;уза</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>&amp;Шаг</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Отмена</translation>
    </message>
    <message>
        <source>all, or 0,3</source>
        <translation>все или 0,3</translation>
    </message>
    <message>
        <source>from: 2026-11-19T03:00Z, now-2h (empty: the beginning)</source>
        <translation>с: 2026-11-19T03:00Z, now-2h (пусто — с начала)</translation>
    </message>
    <message>
        <source>to (exclusive; empty: the end)</source>
        <translation>по (не включая; пусто — до конца)</translation>
    </message>
    <message>
        <source>optional filter: value.type == &quot;PaymentFailed&quot;</source>
        <translation>необязательный фильтр: value.type == &quot;PaymentFailed&quot;</translation>
    </message>
    <message>
        <source>Local workspace</source>
        <translation>Локальная рабочая область</translation>
    </message>
    <message>
        <source>Kafka sandbox topic</source>
        <translation>Топик-песочница Kafka</translation>
    </message>
    <message>
        <source>workspace file, or bootstrap servers</source>
        <translation>файл рабочей области или серверы начальной загрузки</translation>
    </message>
    <message>
        <source>keep each record&apos;s partition</source>
        <translation>сохранять партицию каждой записи</translation>
    </message>
    <message>
        <source>re-partition by key</source>
        <translation>распределять по ключу заново</translation>
    </message>
    <message>
        <source>keep original timestamps</source>
        <translation>сохранять исходное время</translation>
    </message>
    <message>
        <source>stamp now</source>
        <translation>ставить текущее время</translation>
    </message>
    <message>
        <source>mask fields: card_last4, customer.email</source>
        <translation>маскировать поля: card_last4, customer.email</translation>
    </message>
    <message>
        <source>remove fields: customer.phone</source>
        <translation>удалять поля: customer.phone</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>как можно быстрее</translation>
    </message>
    <message>
        <source>original timing ×</source>
        <translation>исходный темп ×</translation>
    </message>
    <message>
        <source>fixed rate (records/s)</source>
        <translation>постоянная скорость (записей/с)</translation>
    </message>
    <message>
        <source>consumer command, e.g. python3 examples/revenue_per_hour.py</source>
        <translation>команда потребителя, например python3 examples/revenue_per_hour.py</translation>
    </message>
    <message>
        <source>records on stdin (NDJSON)</source>
        <translation>записи на stdin (NDJSON)</translation>
    </message>
    <message>
        <source>reads the Kafka sandbox itself</source>
        <translation>сам читает песочницу Kafka</translation>
    </message>
    <message>
        <source>to write a non-sandbox topic, type its exact name</source>
        <translation>чтобы писать в топик вне песочницы, введите его точное имя</translation>
    </message>
    <message>
        <source>Plan shows what would be written where, before anything is.</source>
        <translation>«План» покажет, что и куда будет записано, прежде чем что-либо записывать.</translation>
    </message>
    <message>
        <source>The consumer&apos;s output appears here.</source>
        <translation>Здесь появится вывод потребителя.</translation>
    </message>
    <message>
        <source>Started (UTC)</source>
        <translation>Начало (UTC)</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Задание</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Записано</translation>
    </message>
    <message>
        <source>Resumed after</source>
        <translation>Продолжено после</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>records/s</source>
        <translation>записей/с</translation>
    </message>
    <message>
        <source>written</source>
        <translation>записано</translation>
    </message>
    <message>
        <source>observer lag</source>
        <translation>отставание наблюдателя</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>секунды</translation>
    </message>
    <message>
        <source>partitions</source>
        <translation>партиции</translation>
    </message>
    <message>
        <source>Source topic</source>
        <translation>Исходный топик</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Интервал времени</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Фильтр</translation>
    </message>
    <message>
        <source>Target topic</source>
        <translation>Целевой топик</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Записи</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>Персональные данные</translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation>Темп</translation>
    </message>
    <message>
        <source>Consumer</source>
        <translation>Потребитель</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <source>Save job…</source>
        <translation>Сохранить…</translation>
    </message>
    <message>
        <source>Open job…</source>
        <translation>Открыть…</translation>
    </message>
    <message>
        <source>Contin&amp;ue</source>
        <translation>Продол&amp;жить</translation>
    </message>
    <message>
        <source>Planned: nothing has been written.</source>
        <translation>План готов: ничего не записано.</translation>
    </message>
    <message>
        <source>⚠ Planned, with a warning: %1 matches no record of this range. Check the path; Run refuses until you confirm.</source>
        <translation>⚠ План готов, но с предупреждением: %1 нет ни в одной записи диапазона. Проверьте путь; «Запуск» откажет, пока вы не подтвердите.</translation>
    </message>
    <message>
        <source>%1 of %2 records · %3 records/s%4%5</source>
        <translation>записей %1 из %2 · %3 записей/с%4%5</translation>
    </message>
    <message>
        <source> · %1 s left</source>
        <translation> · осталось %1 с</translation>
    </message>
    <message>
        <source> · observer group: %1 read, lag %2</source>
        <translation> · группа-наблюдатель: прочитано %1, отставание %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) written to %1%2 in %3 s%4%5</source>
        <translation>
            <numerusform>%Ln запись записана в %1%2 за %3 с%4%5</numerusform>
            <numerusform>%Ln записи записаны в %1%2 за %3 с%4%5</numerusform>
            <numerusform>%Ln записей записано в %1%2 за %3 с%4%5</numerusform>
        </translation>
    </message>
    <message>
        <source> after the %1 it already held</source>
        <translation> после уже имевшихся %1</translation>
    </message>
    <message>
        <source> · cancelled: Resume continues it</source>
        <translation> · отменено: «Продолжить» возобновит</translation>
    </message>
    <message>
        <source>Click Resume to continue it.</source>
        <translation>Нажмите «Продолжить», чтобы возобновить.</translation>
    </message>
    <message>
        <source>Click Run again to write anyway.</source>
        <translation>Нажмите «Запуск» ещё раз, чтобы всё равно записать.</translation>
    </message>
    <message>
        <source>%1 from the replay console</source>
        <translation>%1 из консоли воспроизведения</translation>
    </message>
    <message>
        <source>Open a workspace or a Kafka cluster first.</source>
        <translation>Сначала откройте рабочую область или кластер Kafka.</translation>
    </message>
    <message>
        <source>Partitions: &apos;%1&apos; is not a partition number</source>
        <translation>Партиции: «%1» — не номер партиции</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>С: %1</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>По: %1</translation>
    </message>
    <message>
        <source>Say where to write: a workspace file or bootstrap servers.</source>
        <translation>Укажите, куда писать: файл рабочей области или серверы начальной загрузки.</translation>
    </message>
    <message>
        <source>The target topic is missing.</source>
        <translation>Не указан целевой топик.</translation>
    </message>
    <message>
        <source>Pacing: the speed factor must be above 0.</source>
        <translation>Темп: множитель скорости должен быть больше 0.</translation>
    </message>
    <message>
        <source>Pacing: the rate must be above 0.</source>
        <translation>Темп: скорость должна быть больше 0.</translation>
    </message>
    <message>
        <source>Planning …</source>
        <translation>Составляется план …</translation>
    </message>
    <message>
        <source>Resuming …</source>
        <translation>Продолжение …</translation>
    </message>
    <message>
        <source>Running …</source>
        <translation>Выполняется …</translation>
    </message>
    <message>
        <source>Save replay job</source>
        <translation>Сохранить задание воспроизведения</translation>
    </message>
    <message>
        <source>Replay jobs (*.json)</source>
        <translation>Задания воспроизведения (*.json)</translation>
    </message>
    <message>
        <source>✖ cannot write %1: %2</source>
        <translation>✖ не удалось записать %1: %2</translation>
    </message>
    <message>
        <source>Saved %1 (run it again with: rewind-cli replay run %1)</source>
        <translation>Сохранено: %1 (запустить снова: rewind-cli replay run %1)</translation>
    </message>
    <message>
        <source>Open replay job</source>
        <translation>Открыть задание воспроизведения</translation>
    </message>
    <message>
        <source>Save this job as a JSON file for rewind-cli replay</source>
        <translation>Сохранить задание в файл JSON для rewind-cli replay</translation>
    </message>
    <message>
        <source>Open a replay job file</source>
        <translation>Открыть файл задания воспроизведения</translation>
    </message>
    <message>
        <source>Each written record says where it came from: source topic, partition, offset and time, in headers named rewind.source.*</source>
        <translation>Каждая записанная запись сообщает, откуда она: исходный топик, партиция, смещение и время — в заголовках rewind.source.*</translation>
    </message>
</context>
<context>
    <name>rw::ResetDialog</name>
    <message>
        <source>&amp;Preview plan</source>
        <translation>&amp;Показать план</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Применить</translation>
    </message>
    <message>
        <source>Reset offsets of %1</source>
        <translation>Сброс смещений группы %1</translation>
    </message>
    <message>
        <source>Earliest</source>
        <translation>Самое раннее</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>Самое позднее</translation>
    </message>
    <message>
        <source>To time</source>
        <translation>На время</translation>
    </message>
    <message>
        <source>To offset</source>
        <translation>На смещение</translation>
    </message>
    <message>
        <source>Shift by ±N</source>
        <translation>Сдвиг на ±N</translation>
    </message>
    <message>
        <source>2026-11-19T03:00Z, now-2h, an offset, or -100</source>
        <translation>2026-11-19T03:00Z, now-2h, смещение или -100</translation>
    </message>
    <message>
        <source>all partitions</source>
        <translation>все партиции</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Топик</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Партиция</translation>
    </message>
    <message>
        <source>Committed now</source>
        <translation>Зафиксировано сейчас</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Новое</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>This source is read-only: the plan can be previewed, not applied.</source>
        <translation>Этот источник только для чтения: план можно посмотреть, но не применить.</translation>
    </message>
    <message>
        <source>first commit</source>
        <translation>первая фиксация</translation>
    </message>
    <message>
        <source>no commit</source>
        <translation>нет фиксации</translation>
    </message>
    <message>
        <source>Applied.</source>
        <translation>Применено.</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Куда</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>The group has no topic to reset.</source>
        <translation>У группы нет топиков для сброса.</translation>
    </message>
    <message>
        <source>Not a time: %1</source>
        <translation>Это не время: %1</translation>
    </message>
    <message>
        <source>Type an offset (0 or more).</source>
        <translation>Введите смещение (0 или больше).</translation>
    </message>
    <message>
        <source>Type how far to move, like -100 or 50.</source>
        <translation>Введите величину сдвига, например -100 или 50.</translation>
    </message>
    <message>
        <source>Preview the plan first; nothing changes until you apply it.</source>
        <translation>Сначала посмотрите план; ничего не изменится, пока вы его не примените.</translation>
    </message>
    <message>
        <source>Planning …</source>
        <translation>Составляется план …</translation>
    </message>
    <message>
        <source>Apply the reset</source>
        <translation>Применить сброс</translation>
    </message>
    <message>
        <source>Applying …</source>
        <translation>Применяется …</translation>
    </message>
    <message numerus="yes">
        <source>Plan: %1 of %n partition(s) would move. This source is read-only, so it cannot be applied.</source>
        <translation>
            <numerusform>План: сдвинутся партиции — %1 из %n. Источник только для чтения, поэтому применить план нельзя.</numerusform>
            <numerusform>План: сдвинутся партиции — %1 из %n. Источник только для чтения, поэтому применить план нельзя.</numerusform>
            <numerusform>План: сдвинутся партиции — %1 из %n. Источник только для чтения, поэтому применить план нельзя.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plan: %1 of %n partition(s) move. Nothing has changed yet: Apply commits it (refused while the group has live members).</source>
        <translation>
            <numerusform>План: сдвигаются партиции — %1 из %n. Пока ничего не изменено: «Применить» фиксирует план (отказ, пока в группе есть активные участники).</numerusform>
            <numerusform>План: сдвигаются партиции — %1 из %n. Пока ничего не изменено: «Применить» фиксирует план (отказ, пока в группе есть активные участники).</numerusform>
            <numerusform>План: сдвигаются партиции — %1 из %n. Пока ничего не изменено: «Применить» фиксирует план (отказ, пока в группе есть активные участники).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Commit new offsets for %1 on %n partition(s)?</source>
        <translation>
            <numerusform>Зафиксировать новые смещения группы %1 в %n партиции?</numerusform>
            <numerusform>Зафиксировать новые смещения группы %1 в %n партициях?</numerusform>
            <numerusform>Зафиксировать новые смещения группы %1 в %n партициях?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::SchemaFilesDialog</name>
    <message>
        <source>Schema files</source>
        <translation>Файлы схем</translation>
    </message>
    <message>
        <source>Values of these topics are decoded with a schema file: an Avro schema (.avsc), a .proto (its imports are looked up beside it) or a descriptor set (protoc --descriptor_set_out). The workspace keeps the list, so the window and rewind-cli decode the topics wherever it is opened. Records in the Schema Registry wire format need no file: they name their schema.</source>
        <translation>Значения этих топиков декодируются по файлу схемы: схема Avro (.avsc), .proto (импорты ищутся рядом с ним) или набор дескрипторов (protoc --descriptor_set_out). Список хранится в рабочей области, поэтому окно и rewind-cli декодируют топики, где бы она ни была открыта. Записям в формате Schema Registry файл не нужен: они сами называют свою схему.</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Топик</translation>
    </message>
    <message>
        <source>Schema file</source>
        <translation>Файл схемы</translation>
    </message>
    <message>
        <source>Message type (Protobuf)</source>
        <translation>Тип сообщения (Protobuf)</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>Добавить файл…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Schemas (*.avsc *.proto *.desc *.pb *.protoset);;All files (*)</source>
        <translation>Схемы (*.avsc *.proto *.desc *.pb *.protoset);;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>rw::SchemaHistoryDialog</name>
    <message>
        <source>Go to these records</source>
        <translation>Перейти к этим записям</translation>
    </message>
    <message>
        <source>Schema history</source>
        <translation>История схемы</translation>
    </message>
    <message>
        <source>Show the topic&apos;s records from where this schema was first used</source>
        <translation>Показать записи топика с места, где эта схема появилась</translation>
    </message>
    <message>
        <source>%1: reading the schema ids of its records …</source>
        <translation>%1: читаются id схем записей …</translation>
    </message>
    <message>
        <source>The schema history could not be read: %1</source>
        <translation>Историю схемы не удалось прочитать: %1</translation>
    </message>
    <message>
        <source>%1 has no records.</source>
        <translation>В %1 нет записей.</translation>
    </message>
    <message>
        <source>%1: %2 over %3 in %4; %5.</source>
        <translation>%1: %2 на %3 в %4; %5.</translation>
    </message>
    <message numerus="yes">
        <source>%n writer schema(s)</source>
        <translation>
            <numerusform>%n схема записи</numerusform>
            <numerusform>%n схемы записи</numerusform>
            <numerusform>%n схем записи</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln записи</numerusform>
            <numerusform>%Ln записях</numerusform>
            <numerusform>%Ln записях</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s)</source>
        <translation>
            <numerusform>%n партиции</numerusform>
            <numerusform>%n партициях</numerusform>
            <numerusform>%n партициях</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n смена</numerusform>
            <numerusform>%n смены</numerusform>
            <numerusform>%n смен</numerusform>
        </translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>Субъект: %1</translation>
    </message>
    <message>
        <source>v%1 (id %2)</source>
        <translation>в%1 (id %2)</translation>
    </message>
    <message>
        <source>%1
    began with %2</source>
        <translation>%1
    начало: %2</translation>
    </message>
    <message>
        <source>partition %1, offset %2</source>
        <translation>партиция %1, смещение %2</translation>
    </message>
    <message numerus="yes">
        <source> · in %n partition(s)</source>
        <translation>
            <numerusform> · в %n партиции</numerusform>
            <numerusform> · в %n партициях</numerusform>
            <numerusform> · в %n партициях</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
    %2 → %3
    %4</source>
        <translation>%1
    %2 → %3
    %4</translation>
    </message>
    <message>
        <source>The first records are not in the Schema Registry wire format.</source>
        <translation>Первые записи не в формате Schema Registry.</translation>
    </message>
    <message>
        <source>Schema id %1 cannot be read: %2</source>
        <translation>Схему с id %1 не удалось прочитать: %2</translation>
    </message>
</context>
<context>
    <name>rw::SourceSession</name>
    <message>
        <source>The password of %1 could not go to the system keychain (%2). It is kept for this session only; nothing was written to disk.</source>
        <translation>Пароль %1 не удалось сохранить в системной связке ключей (%2). Он хранится только в этом сеансе; на диск ничего не записано.</translation>
    </message>
    <message>
        <source>Opening %1 …</source>
        <translation>Открывается %1 …</translation>
    </message>
    <message>
        <source>Creating %1 …</source>
        <translation>Создаётся %1 …</translation>
    </message>
    <message>
        <source>There is no Kafka profile named %1.</source>
        <translation>Профиля Kafka с именем %1 нет.</translation>
    </message>
    <message>
        <source>Reading the password of %1 from the keychain …</source>
        <translation>Пароль %1 читается из связки ключей …</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Пароль для %1</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Нет подключения.</translation>
    </message>
    <message>
        <source>Reading the Schema Registry password of %1 from the keychain …</source>
        <translation>Пароль Schema Registry для %1 читается из связки ключей …</translation>
    </message>
    <message>
        <source>Schema Registry password for %1</source>
        <translation>Пароль Schema Registry для %1</translation>
    </message>
    <message>
        <source>Connecting to %1 (%2) …</source>
        <translation>Подключение к %1 (%2) …</translation>
    </message>
    <message>
        <source>Reading the TLS key passphrase of %1 from the keychain …</source>
        <translation>Парольная фраза ключа TLS для %1 читается из связки ключей …</translation>
    </message>
    <message>
        <source>Reading the OIDC client secret of %1 from the keychain …</source>
        <translation>Секрет клиента OIDC для %1 читается из связки ключей …</translation>
    </message>
    <message>
        <source>SASL password for %1</source>
        <translation>Пароль SASL для %1</translation>
    </message>
    <message>
        <source>TLS key passphrase for %1</source>
        <translation>Парольная фраза ключа TLS для %1</translation>
    </message>
    <message>
        <source>Passphrase of the TLS key %1</source>
        <translation>Парольная фраза ключа TLS %1</translation>
    </message>
    <message>
        <source>OIDC client secret for %1</source>
        <translation>Секрет клиента OIDC для %1</translation>
    </message>
    <message>
        <source>OIDC client secret of %1</source>
        <translation>Секрет клиента OIDC для %1</translation>
    </message>
    <message>
        <source>%1 (not in the keychain):</source>
        <translation>%1 (нет в связке ключей):</translation>
    </message>
    <message>
        <source>The keychain is not available (%1).
%2, for this session only:</source>
        <translation>Связка ключей недоступна (%1).
%2, только на этот сеанс:</translation>
    </message>
</context>
<context>
    <name>rw::SourceWords</name>
    <message>
        <source>%1 (Kafka)</source>
        <translation>%1 (Kafka)</translation>
    </message>
    <message>
        <source>Kafka %1 · %2 · %3</source>
        <translation>Kafka %1 · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>%Ln broker(s)</source>
        <translation>
            <numerusform>%Ln брокер</numerusform>
            <numerusform>%Ln брокера</numerusform>
            <numerusform>%Ln брокеров</numerusform>
        </translation>
    </message>
    <message>
        <source> · read-only profile</source>
        <translation> · профиль только для чтения</translation>
    </message>
    <message>
        <source>%1 (Kafka data, read-only)</source>
        <translation>%1 (данные Kafka, только чтение)</translation>
    </message>
    <message>
        <source>Kafka data directory %1 · read-only</source>
        <translation>Каталог данных Kafka %1 · только чтение</translation>
    </message>
    <message numerus="yes">
        <source> · %Ln aborted or open transaction(s) hidden</source>
        <translation>
            <numerusform> · скрыта %Ln прерванная или незавершённая транзакция</numerusform>
            <numerusform> · скрыто %Ln прерванные или незавершённые транзакции</numerusform>
            <numerusform> · скрыто %Ln прерванных или незавершённых транзакций</numerusform>
        </translation>
    </message>
    <message>
        <source> · read-only file</source>
        <translation> · файл только для чтения</translation>
    </message>
    <message>
        <source>a copy of a data directory has no lag history; the table shows each partition&apos;s lag at the time of the copy</source>
        <translation>у копии каталога данных нет истории отставания; таблица показывает отставание каждой партиции на момент копирования</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>leader %1 · replicas %2 · ISR %3</source>
        <translation>лидер %1 · реплики %2 · ISR %3</translation>
    </message>
    <message>
        <source>offline: no leader</source>
        <translation>недоступна: нет лидера</translation>
    </message>
    <message>
        <source>under-replicated: %1 of %2 replicas in sync</source>
        <translation>недореплицирована: синхронны %1 из %2 реплик</translation>
    </message>
    <message>
        <source>below min.insync.replicas %1: acks=all writes fail</source>
        <translation>ниже min.insync.replicas %1: запись с acks=all не проходит</translation>
    </message>
    <message>
        <source>lag history kept in %1: %2 days, at most %3 samples per group</source>
        <translation>история отставания хранится в %1: %2 дней, не более %3 замеров на группу</translation>
    </message>
</context>
<context>
    <name>rw::SourcesPanel</name>
    <message>
        <source>Double-click to open a workspace or connect to a cluster</source>
        <translation>Двойной щелчок открывает рабочую область или подключает к кластеру</translation>
    </message>
    <message>
        <source>Local workspaces</source>
        <translation>Локальные рабочие области</translation>
    </message>
    <message>
        <source>Kafka clusters</source>
        <translation>Кластеры Kafka</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Открыть…</translation>
    </message>
    <message>
        <source>Open a workspace file (Ctrl+O); the arrow also opens a Kafka data directory</source>
        <translation>Открыть файл рабочей области (Ctrl+O); стрелка открывает и каталог данных Kafka</translation>
    </message>
    <message>
        <source>Open workspace…</source>
        <translation>Открыть рабочую область…</translation>
    </message>
    <message>
        <source>Open Kafka data directory…</source>
        <translation>Открыть каталог данных Kafka…</translation>
    </message>
    <message>
        <source>A copy of a broker&apos;s log.dirs (or one partition folder), read in place and never written</source>
        <translation>Копия log.dirs брокера (или одна папка партиции), читается на месте и никогда не изменяется</translation>
    </message>
    <message>
        <source>Add Kafka…</source>
        <translation>Добавить Kafka…</translation>
    </message>
    <message>
        <source>Add a Kafka connection profile</source>
        <translation>Добавить профиль подключения к Kafka</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;Источники&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 (Kafka data)</source>
        <translation>%1 (данные Kafka)</translation>
    </message>
    <message>
        <source>Kafka data directory, read-only: %1</source>
        <translation>Каталог данных Kafka, только чтение: %1</translation>
    </message>
    <message>
        <source>Cases of this source</source>
        <translation>Дела этого источника</translation>
    </message>
    <message>
        <source>Pinned records, time ranges, notes and views: double-click to open</source>
        <translation>Закреплённые записи, интервалы, заметки и виды: двойной щелчок открывает</translation>
    </message>
    <message>
        <source>none yet: Ctrl+B pins a record</source>
        <translation>пока нет: Ctrl+B закрепляет запись</translation>
    </message>
</context>
<context>
    <name>rw::TimelineView</name>
    <message>
        <source>Zoom in (or the wheel)</source>
        <translation>Приблизить (или колесо мыши)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Отдалить</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Всё</translation>
    </message>
    <message>
        <source>Everything (or double-click)</source>
        <translation>Всё целиком (или двойной щелчок)</translation>
    </message>
    <message>
        <source>records</source>
        <translation>записи</translation>
    </message>
    <message>
        <source>Click: go to that time · Drag: filter to a time range · Wheel: zoom · Double-click: everything</source>
        <translation>Щелчок — перейти к этому времени · Протянуть — отфильтровать интервал · Колесо — масштаб · Двойной щелчок — всё</translation>
    </message>
    <message>
        <source>Timeline: open a workspace.</source>
        <translation>Шкала времени: откройте рабочую область.</translation>
    </message>
    <message>
        <source>Timeline: no records.</source>
        <translation>Шкала времени: записей нет.</translation>
    </message>
    <message>
        <source>%1 · records per %2 · %3 records · busiest: %4 (%5)</source>
        <translation>%1 · записи за %2 · записей: %3 · пик: %4 (%5)</translation>
    </message>
    <message>
        <source>All topics</source>
        <translation>Все топики</translation>
    </message>
    <message>
        <source>filter matches</source>
        <translation>совпадения фильтра</translation>
    </message>
    <message>
        <source>not schema-encoded</source>
        <translation>без схемы</translation>
    </message>
    <message>
        <source>schema id %1</source>
        <translation>схема id %1</translation>
    </message>
    <message>
        <source>v%1</source>
        <translation>в%1</translation>
    </message>
    <message>
        <source>Click: go to that time · Drag: filter to a time range · Wheel: zoom · Double-click: everything · Click a ◆ schema mark: what changed</source>
        <translation>Щелчок: перейти к этому времени · Протянуть: фильтр по интервалу · Колесо: масштаб · Двойной щелчок: всё · Щелчок по метке схемы ◆: что изменилось</translation>
    </message>
    <message>
        <source>Count exactly</source>
        <translation>Точный подсчёт</translation>
    </message>
    <message>
        <source>These counts are offsets between times, read from the brokers without reading a record; transaction markers, aborted and compacted records take offsets too. Read every record&apos;s time in this range instead.</source>
        <translation>Эти числа — смещения между моментами времени, полученные от брокеров без чтения записей; маркеры транзакций, отменённые и сжатые записи тоже занимают смещения. Прочитать время каждой записи в этом диапазоне.</translation>
    </message>
    <message numerus="yes">
        <source> · %n topic(s) you may not read left out</source>
        <translation>
            <numerusform> · %n топик без права чтения не показан</numerusform>
            <numerusform> · %n топика без права чтения не показаны</numerusform>
            <numerusform> · %n топиков без права чтения не показаны</numerusform>
        </translation>
    </message>
    <message>
        <source> · from offsets; compacted</source>
        <translation> · по смещениям; сжатый</translation>
    </message>
    <message>
        <source> · from offsets; markers</source>
        <translation> · по смещениям; маркеры</translation>
    </message>
    <message>
        <source> · from offsets</source>
        <translation> · по смещениям</translation>
    </message>
    <message>
        <source>Counted from offsets, no record read. The topic is compacted: fewer records than counted.</source>
        <translation>Подсчитано по смещениям, без чтения записей. Топик сжимается: записей меньше, чем подсчитано.</translation>
    </message>
    <message>
        <source>Counted from offsets, no record read. Transaction markers (and aborted records) take offsets: fewer records than counted.</source>
        <translation>Подсчитано по смещениям, без чтения записей. Маркеры транзакций (и отменённые записи) занимают смещения: записей меньше, чем подсчитано.</translation>
    </message>
    <message>
        <source>Counted from offsets, no record read.</source>
        <translation>Подсчитано по смещениям, без чтения записей.</translation>
    </message>
</context>
<context>
    <name>rw::TopicAdminDialog</name>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Применить</translation>
    </message>
    <message>
        <source>Topics of %1</source>
        <translation>Топики %1</translation>
    </message>
    <message>
        <source>Create a topic</source>
        <translation>Создать топик</translation>
    </message>
    <message>
        <source>Edit its settings</source>
        <translation>Изменить его параметры</translation>
    </message>
    <message>
        <source>Add partitions</source>
        <translation>Добавить партиции</translation>
    </message>
    <message>
        <source>Delete it</source>
        <translation>Удалить его</translation>
    </message>
    <message>
        <source>the cluster&apos;s default</source>
        <translation>по умолчанию кластера</translation>
    </message>
    <message>
        <source>One per line: cleanup.policy=compact, retention.ms=86400000</source>
        <translation>По одному в строке: cleanup.policy=compact, retention.ms=86400000</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Параметр</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Сейчас</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Новое значение</translation>
    </message>
    <message>
        <source>Back to default</source>
        <translation>Вернуть по умолчанию</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Like (partitions and settings of)</source>
        <translation>Как у (партиции и параметры)</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>Партиции</translation>
    </message>
    <message>
        <source>Replication factor</source>
        <translation>Фактор репликации</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <source>Add a setting</source>
        <translation>Добавить параметр</translation>
    </message>
    <message>
        <source>Partitions in all</source>
        <translation>Всего партиций</translation>
    </message>
    <message>
        <source>Type the topic&apos;s name to confirm</source>
        <translation>Введите имя топика для подтверждения</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Топик</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(по умолчанию)</translation>
    </message>
    <message>
        <source>Reading %1&apos;s partitions and settings…</source>
        <translation>Читаются партиции и параметры %1…</translation>
    </message>
    <message>
        <source>Could not read it: %1</source>
        <translation>Не удалось прочитать: %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Читается %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s)</source>
        <translation>
            <numerusform>%n партиция</numerusform>
            <numerusform>%n партиции</numerusform>
            <numerusform>%n партиций</numerusform>
        </translation>
    </message>
    <message>
        <source>, about %1 records</source>
        <translation>, около %1 записей</translation>
    </message>
    <message>
        <source>Settings, line %1: write name=value (cleanup.policy=compact).</source>
        <translation>Параметры, строка %1: пишите имя=значение (cleanup.policy=compact).</translation>
    </message>
    <message>
        <source>Unlock %1: it is not a sandbox topic (prefix &apos;%2&apos;)</source>
        <translation>Разблокировать %1: это не топик песочницы (префикс «%2»)</translation>
    </message>
    <message numerus="yes">
        <source>Create %1: %n partition(s), replication factor %2</source>
        <translation>
            <numerusform>Создать %1: %n партиция, фактор репликации %2</numerusform>
            <numerusform>Создать %1: %n партиции, фактор репликации %2</numerusform>
            <numerusform>Создать %1: %n партиций, фактор репликации %2</numerusform>
        </translation>
    </message>
    <message>
        <source>; the cluster&apos;s default settings.</source>
        <translation>; параметры кластера по умолчанию.</translation>
    </message>
    <message>
        <source>; settings: %1.</source>
        <translation>; параметры: %1.</translation>
    </message>
    <message>
        <source>Give the new topic a name.</source>
        <translation>Дайте новому топику имя.</translation>
    </message>
    <message>
        <source>%1: %2 → the cluster&apos;s default</source>
        <translation>%1: %2 → по умолчанию кластера</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>No change yet: type a new value, or tick Back to default.</source>
        <translation>Пока без изменений: введите новое значение или отметьте «Вернуть по умолчанию».</translation>
    </message>
    <message>
        <source>Change %1:
%2</source>
        <translation>Изменить %1:
%2</translation>
    </message>
    <message>
        <source>Grow %1 from %2 to %3 partitions. Kafka cannot take partitions away. Keys map to other partitions from now on (murmur2(key) mod %3 instead of mod %2): a key&apos;s new records may land in another partition than its earlier ones, so their order across the change is no longer kept.</source>
        <translation>Увеличить %1 с %2 до %3 партиций. Убрать партиции Kafka не может. Ключи с этого момента попадают в другие партиции (murmur2(key) mod %3 вместо mod %2): новые записи ключа могут оказаться не в той партиции, где прежние, и их порядок через это изменение больше не сохраняется.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %1 and its %n partition(s), about %2 records. This cannot be undone.</source>
        <translation>
            <numerusform>Удалить %1 и его %n партицию, около %2 записей. Это нельзя отменить.</numerusform>
            <numerusform>Удалить %1 и его %n партиции, около %2 записей. Это нельзя отменить.</numerusform>
            <numerusform>Удалить %1 и его %n партиций, около %2 записей. Это нельзя отменить.</numerusform>
        </translation>
    </message>
    <message>
        <source>Type %1 above to confirm.</source>
        <translation>Введите %1 выше для подтверждения.</translation>
    </message>
    <message>
        <source>Refused: the profile &apos;%1&apos; is read-only; nothing can be changed.</source>
        <translation>Отказано: профиль «%1» только для чтения; ничего изменить нельзя.</translation>
    </message>
    <message>
        <source>Refused: %1 is not a sandbox topic. Tick Unlock to change it.</source>
        <translation>Отказано: %1 — не топик песочницы. Отметьте «Разблокировать», чтобы изменить его.</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Применяется…</translation>
    </message>
    <message>
        <source>Refused, nothing changed: %1</source>
        <translation>Отказано, ничего не изменено: %1</translation>
    </message>
    <message>
        <source>Created %1.</source>
        <translation>%1 создан.</translation>
    </message>
    <message>
        <source>Changed the settings of %1.</source>
        <translation>Параметры %1 изменены.</translation>
    </message>
    <message>
        <source>Grew %1.</source>
        <translation>%1 увеличен.</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 удалён.</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (по умолчанию)</translation>
    </message>
</context>
<context>
    <name>rw::TopicTreeModel</name>
    <message>
        <source>Largest lag of any consumer group on one partition of this topic</source>
        <translation>Наибольшее отставание любой группы потребителей в одной партиции этого топика</translation>
    </message>
    <message>
        <source>partition %1</source>
        <translation>партиция %1</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Топик</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>Партиции</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Записи</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Конец</translation>
    </message>
    <message>
        <source>Last record</source>
        <translation>Последняя запись</translation>
    </message>
    <message>
        <source>Max lag</source>
        <translation>Макс. отставание</translation>
    </message>
    <message>
        <source>Records from offset %1 on belong to, or follow, a transaction not yet committed or aborted: read_committed consumers (and this view) stop there until it is decided.</source>
        <translation>Записи начиная со смещения %1 относятся к транзакции, которая ещё не зафиксирована и не отменена, или идут после неё: потребители read_committed (и этот вид) останавливаются там, пока она не решится.</translation>
    </message>
    <message>
        <source>%1 (stable %2)</source>
        <translation>%1 (стабильное %2)</translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) offline</source>
        <translation>
            <numerusform>%n партиция недоступна</numerusform>
            <numerusform>%n партиции недоступны</numerusform>
            <numerusform>%n партиций недоступны</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) under-replicated</source>
        <translation>
            <numerusform>%n партиция недореплицирована</numerusform>
            <numerusform>%n партиции недореплицированы</numerusform>
            <numerusform>%n партиций недореплицированы</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) below min.insync.replicas</source>
        <translation>
            <numerusform>%n партиция ниже min.insync.replicas</numerusform>
            <numerusform>%n партиции ниже min.insync.replicas</numerusform>
            <numerusform>%n партиций ниже min.insync.replicas</numerusform>
        </translation>
    </message>
    <message>
        <source>Replication</source>
        <translation>Репликация</translation>
    </message>
</context>
<context>
    <name>rw::TracePage</name>
    <message>
        <source>Copied %1-%2 offset %3 as NDJSON.</source>
        <translation>Запись %1-%2, смещение %3, скопирована как NDJSON.</translation>
    </message>
    <message>
        <source>Another source was opened; trace again.</source>
        <translation>Открыт другой источник; запустите трассировку снова.</translation>
    </message>
</context>
<context>
    <name>rw::TraceView</name>
    <message>
        <source>Trace</source>
        <translation>Проследить</translation>
    </message>
    <message>
        <source>JSON field = value</source>
        <translation>Поле JSON = значение</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>All partitions</source>
        <translation>Все партиции</translation>
    </message>
    <message>
        <source>Key&apos;s partition: murmur2 (Java clients)</source>
        <translation>Партиция ключа: murmur2 (клиенты Java)</translation>
    </message>
    <message>
        <source>Key&apos;s partition: crc32 (librdkafka, kcat)</source>
        <translation>Партиция ключа: crc32 (librdkafka, kcat)</translation>
    </message>
    <message>
        <source>For a key: read only the partition the producers&apos; partitioner puts it in (checked on a sample of a workspace first). All partitions never misses an event.</source>
        <translation>Для ключа: читать только партицию, в которую его помещает разделитель производителей (сначала проверяется на выборке из рабочей области). «Все партиции» не пропускают ни одного события.</translation>
    </message>
    <message>
        <source>order_id=o-000123   (or, as a key: o-000123)</source>
        <translation>order_id=o-000123   (или как ключ: o-000123)</translation>
    </message>
    <message>
        <source>Every event about one order (or customer, or key) across all topics, in time order, with what changed between events.</source>
        <translation>Все события одного заказа (клиента, ключа) во всех топиках по порядку времени — и что менялось между событиями.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Где</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Type a key, or a field and value like order_id=o-123.</source>
        <translation>Введите ключ или поле и значение, например order_id=o-123.</translation>
    </message>
    <message>
        <source>Write the field and the value as name=value, e.g. order_id=o-123.</source>
        <translation>Запишите поле и значение как имя=значение, например order_id=o-123.</translation>
    </message>
    <message>
        <source>Show in Records</source>
        <translation>Показать в записях</translation>
    </message>
    <message>
        <source>Copy as NDJSON</source>
        <translation>Копировать как NDJSON</translation>
    </message>
    <message>
        <source>Trace this key</source>
        <translation>Проследить этот ключ</translation>
    </message>
    <message>
        <source>Tracing …</source>
        <translation>Трассировка …</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message numerus="yes">
        <source>No events in the scanned range (%Ln record(s) read).</source>
        <translation>
            <numerusform>В просмотренном диапазоне событий нет (прочитана %Ln запись).</numerusform>
            <numerusform>В просмотренном диапазоне событий нет (прочитано %Ln записи).</numerusform>
            <numerusform>В просмотренном диапазоне событий нет (прочитано %Ln записей).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln record(s) read</source>
        <translation>
            <numerusform> · прочитана %Ln запись</numerusform>
            <numerusform> · прочитано %Ln записи</numerusform>
            <numerusform> · прочитано %Ln записей</numerusform>
        </translation>
    </message>
    <message>
        <source> · stopped before the end</source>
        <translation> · остановлено до конца</translation>
    </message>
    <message>
        <source> · stopped at the event limit</source>
        <translation> · остановлено на пределе числа событий</translation>
    </message>
    <message>
        <source> · the first %1 are listed; narrow the trace to a topic</source>
        <translation> · показаны первые %1; сузьте трассировку до одного топика</translation>
    </message>
    <message>
        <source>Assumption: %1</source>
        <translation>Допущение: %1</translation>
    </message>
    <message>
        <source>Filter: %1</source>
        <translation>Фильтр: %1</translation>
    </message>
    <message>
        <source>first event</source>
        <translation>первое событие</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) across %1</source>
        <translation>
            <numerusform>%Ln запись в топиках %1</numerusform>
            <numerusform>%Ln записи в топиках %1</numerusform>
            <numerusform>%Ln записей в топиках %1</numerusform>
        </translation>
    </message>
    <message>
        <source>redelivery of %1 (the same %2%3): not a second event</source>
        <translation>повторная доставка %1 (тот же %2%3): это не второе событие</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>до %1</translation>
    </message>
    <message>
        <source>Pin to the case</source>
        <translation>Закрепить в деле</translation>
    </message>
    <message>
        <source>Pin with a note…</source>
        <translation>Закрепить с заметкой…</translation>
    </message>
    <message>
        <source>+ %1 = %2</source>
        <translation>+ %1 = %2</translation>
    </message>
    <message>
        <source>− %1 (was %2)</source>
        <translation>− %1 (было %2)</translation>
    </message>
    <message>
        <source>~ %1: %2 → %3</source>
        <translation>~ %1: %2 → %3</translation>
    </message>
</context>
<context>
    <name>rw::TraceWords</name>
    <message>
        <source>(no type)</source>
        <translation>(без типа)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) from %1 to %2 (%3 → %4); now: %5.</source>
        <translation>
            <numerusform>%Ln событие с %1 по %2 (%3 → %4); сейчас: %5.</numerusform>
            <numerusform>%Ln события с %1 по %2 (%3 → %4); сейчас: %5.</numerusform>
            <numerusform>%Ln событий с %1 по %2 (%3 → %4); сейчас: %5.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln redelivery(s) of the same event, not counted</source>
        <translation>
            <numerusform> · %Ln повторная доставка того же события, не считается</numerusform>
            <numerusform> · %Ln повторные доставки того же события, не считаются</numerusform>
            <numerusform> · %Ln повторных доставок того же события, не считаются</numerusform>
        </translation>
    </message>
</context>
</TS>
