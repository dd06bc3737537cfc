"""Chat members named only by their label (issue #19, session 17): a name-shaped label that speaks twice
where the other speakers' labels are no bare name (a role or a building before the name), two given-name
characters that are no word, and a call name after a dash (「物业-小X：」). Examples of our own."""
from anonymize import Deidentifier


def names(text):
    return [s.value for s in Deidentifier("chat-labels-key").findings(text) if s.kind == "person_name"]


def test_a_label_that_speaks_twice_among_role_labels():
    text = ("【东坡煤矿二队群】\n石头蛋：队长，加班费什么时候发\n队长周国庆：下周，石头蛋你的卡号报一下\n"
            "石头蛋：好，我晚上发\n队长周国庆：行")
    found = names(text)
    assert found.count("石头蛋") == 3


def test_a_surname_name_that_speaks_twice_beside_a_staff_label():
    text = "【河湾回迁群】\n金秋实：面积核好了没\n征收中心-韦文强：核好了，明天公示\n金秋实：行"
    assert names(text).count("金秋实") == 2


def test_two_given_name_characters_as_a_handle():
    text = "【幼儿园家长群】\n婉霞：报名表交哪里\n豆豆妈：交班主任\n婉霞：好嘞，谢谢"
    assert names(text).count("婉霞") == 2


def test_a_call_name_after_a_dash():
    text = "【某小区业主群】\n2-3-101 吴海燕：车库门坏了\n物业-小钱：马上去修\n茶行-蒋老板：我车挡着了吗\n物业-小钱：没有"
    found = names(text)
    assert found.count("小钱") == 2 and "蒋老板" in found


def test_public_staff_and_role_words_stay():
    text = "【回迁群】\n拆迁办-小郑：明天交钥匙\n村委-老冯：收到\n坐席：请讲\n市民：我问下\n坐席：好的"
    assert names(text) == []
    one = "联系人-小钱：见附件"  # one labelled line is a form's, not a chat's
    assert names(one) == []


# Dai names alone (岩 for men, 玉 for women, 波 before a child's name for the father), cue or none, in a text that
# names a Dai person by a cue or a label, or says 傣 or names a 勐 place (issue #19, session 17).
def test_dai_names_alone_in_a_dai_text():
    text = "【曼弄寨篮球赛群】\n岩坎：明天几点集合\n玉罕：八点，岩丙说他不来\n岩坎：岩丙已经去勐海了，波岩叫说他来替"
    found = names(text)
    assert found.count("岩坎") == 2 and found.count("岩丙") == 2 and "波岩叫" in found


def test_dai_shaped_words_stay():
    text = "勐腊县岩石边坡治理完成，玉米种植面积增加，岩层稳定。"
    assert names(text) == []
