# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'carrier.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QToolButton,
    QVBoxLayout, QWidget)

class Ui_CarrierPage(object):
    def setupUi(self, CarrierPage):
        if not CarrierPage.objectName():
            CarrierPage.setObjectName(u"CarrierPage")
        self.page_layout = QVBoxLayout(CarrierPage)
        self.page_layout.setObjectName(u"page_layout")
        self.intro = QLabel(CarrierPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.page_layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.carrier__name_label = QLabel(CarrierPage)
        self.carrier__name_label.setObjectName(u"carrier__name_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.carrier__name_label)

        self.name_row = QHBoxLayout()
        self.name_row.setObjectName(u"name_row")
        self.name_row.setContentsMargins(0, 0, 0, 0)
        self.carrier__name = QLineEdit(CarrierPage)
        self.carrier__name.setObjectName(u"carrier__name")

        self.name_row.addWidget(self.carrier__name)

        self.help_carrier__name = QToolButton(CarrierPage)
        self.help_carrier__name.setObjectName(u"help_carrier__name")

        self.name_row.addWidget(self.help_carrier__name)


        self.form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.name_row)

        self.carrier_choice = QWidget(CarrierPage)
        self.carrier_choice.setObjectName(u"carrier_choice")
        self.carrier_choice_layout = QVBoxLayout(self.carrier_choice)
        self.carrier_choice_layout.setObjectName(u"carrier_choice_layout")
        self.carrier_choice_layout.setContentsMargins(0, 0, 0, 0)
        self.carrier_choice_prompt = QLabel(self.carrier_choice)
        self.carrier_choice_prompt.setObjectName(u"carrier_choice_prompt")
        self.carrier_choice_prompt.setWordWrap(True)

        self.carrier_choice_layout.addWidget(self.carrier_choice_prompt)


        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.carrier_choice)


        self.page_layout.addLayout(self.form)

        self.guidance_box = QGroupBox(CarrierPage)
        self.guidance_box.setObjectName(u"guidance_box")
        self.guidance_layout = QVBoxLayout(self.guidance_box)
        self.guidance_layout.setObjectName(u"guidance_layout")
        self.guidance = QLabel(self.guidance_box)
        self.guidance.setObjectName(u"guidance")
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        self.guidance.setOpenExternalLinks(False)
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

        self.guidance_layout.addWidget(self.guidance)


        self.page_layout.addWidget(self.guidance_box)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page_layout.addItem(self.bottom_spacer)

#if QT_CONFIG(shortcut)
        self.carrier__name_label.setBuddy(self.carrier__name)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.carrier__name, self.help_carrier__name)

        self.retranslateUi(CarrierPage)

        QMetaObject.connectSlotsByName(CarrierPage)
    # setupUi

    def retranslateUi(self, CarrierPage):
        self.intro.setText(QCoreApplication.translate("CarrierPage", u"Which company do you pay for these numbers today? Start typing and pick it from the list.", None))
        self.carrier__name_label.setText(QCoreApplication.translate("CarrierPage", u"Current &carrier:", None))
#if QT_CONFIG(accessibility)
        self.carrier__name.setAccessibleName(QCoreApplication.translate("CarrierPage", u"Current carrier", None))
#endif // QT_CONFIG(accessibility)
        self.carrier__name.setPlaceholderText(QCoreApplication.translate("CarrierPage", u"e.g. Verizon Wireless, AT&T, Google Voice", None))
        self.help_carrier__name.setText(QCoreApplication.translate("CarrierPage", u"?", None))
#if QT_CONFIG(accessibility)
        self.help_carrier__name.setAccessibleName(QCoreApplication.translate("CarrierPage", u"Where do I find the carrier name?", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.help_carrier__name.setToolTip(QCoreApplication.translate("CarrierPage", u"Where do I find the carrier name?", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.carrier_choice.setAccessibleName(QCoreApplication.translate("CarrierPage", u"Which company sends your bill", None))
#endif // QT_CONFIG(accessibility)
        self.carrier_choice_prompt.setText(QCoreApplication.translate("CarrierPage", u"This name belongs to more than one company. Which one sends your bill?", None))
        self.guidance_box.setTitle(QCoreApplication.translate("CarrierPage", u"What to do with this carrier", None))
        self.guidance.setText(QCoreApplication.translate("CarrierPage", u"Pick your carrier to see what to prepare.", None))
        pass
    # retranslateUi

